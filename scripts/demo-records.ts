// Seeds the demo practice's clients, notes and appointments (development only; run by
// `npm run dev` and `npm run db:seed` after the members exist). Under the react-server condition.
import { db } from "../lib/db/client";
import { seedDemoRecords } from "../lib/demo/records";
import { closeVaultPool } from "../lib/vault/db";

try {
  const { clients } = await seedDemoRecords();
  if (clients) console.log(`[confide] demo records: ${clients} clients with notes and appointments`);
} finally {
  await closeVaultPool();
  await db().$disconnect();
}
