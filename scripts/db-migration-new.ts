// npm run db:migration:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql holding the SQL that takes the
// existing migrations to prisma/schema.prisma. Add grants, triggers and checks by hand after.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema, migrationsDir } from "../lib/db/migrations";
import { resolveDatabase } from "./lib/dev-env";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const db = await resolveDatabase();
try {
  const sql = await diffMigrationsToSchema(process.env.MIGRATION_DATABASE_URL!);
  if (!sql) {
    console.log("schema.prisma and the migrations agree: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql + "\n");
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql. Add grants to confide_runtime for new tables.`);
  }
} finally {
  await db.stop();
}
