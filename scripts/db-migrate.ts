// npm run db:migrate — applies pending migrations as the owner role. Idempotent; safe to run
// from two processes at once (an advisory lock serialises them).
import { applyAllMigrations } from "../lib/db/migrations";
import { resolveDatabase } from "./lib/dev-env";

const db = await resolveDatabase();
try {
  const applied = await applyAllMigrations();
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.stop();
}
