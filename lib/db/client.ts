import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { createPrismaClient } from "./prisma";

// One client per server process (and one across dev hot reloads).
const globalForPrisma = globalThis as unknown as { confidePrisma?: PrismaClient };

export function db(): PrismaClient {
  globalForPrisma.confidePrisma ??= createPrismaClient(config().DATABASE_URL);
  return globalForPrisma.confidePrisma;
}
