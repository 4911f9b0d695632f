// npm run db:migrate — applies pending migrations as the owner role. Idempotent; safe to run
// from two processes at once (an advisory lock serialises them).
import { applyMigrations } from "../lib/db/migrations";
import { resolveDatabase } from "./lib/dev-env";

const db = await resolveDatabase();
try {
  const applied = await applyMigrations(process.env.MIGRATION_DATABASE_URL!);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.stop();
}
