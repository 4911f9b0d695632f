// npm run db:seed — seeds the demo practice. Refuses in production unless --allow-production.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { createPrismaClient } from "../lib/db/prisma";
import { seedDemo, DEMO_MEMBERS } from "../lib/demo/seed";
import { resolveDatabase } from "./lib/dev-env";

if (process.env.NODE_ENV === "production" && !process.argv.includes("--allow-production")) {
  console.error("Refusing to seed demo accounts in production. Pass --allow-production if you really mean it.");
  process.exit(1);
}
const dbEnv = await resolveDatabase();
const prisma = createPrismaClient(process.env.DATABASE_URL!, 2);
try {
  const { created } = await seedDemo(prisma);
  console.log(`Demo practice ready (${created} new of ${DEMO_MEMBERS.length} members).`);
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/demo-records.ts"], { stdio: "inherit", env: process.env });
} finally {
  await prisma.$disconnect();
  await dbEnv.stop();
}
