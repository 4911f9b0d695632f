import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Health = { status: "ok" } | { status: "unavailable"; reason: string };

async function expectedMigrations(): Promise<string[]> {
  const dir = path.join(process.cwd(), "prisma/migrations");
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Ready when the database answers and every migration on disk has been applied. */
export async function checkHealth(client: PrismaClient = db()): Promise<Health> {
  let applied: Set<string>;
  try {
    const rows = await client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    return { status: "unavailable", reason: "database unreachable or not migrated" };
  }
  const pending = (await expectedMigrations()).filter((name) => !applied.has(name));
  if (pending.length > 0) return { status: "unavailable", reason: `${pending.length} migration(s) pending` };
  return { status: "ok" };
}
