import { resetConfigForTests } from "@/lib/config";
import { pointAppAt, type TestDatabase } from "./database";
import type { TestDatabaseHandle } from "./factory";

/** Points the app (its pools, config and keys) and the test's handle at another instance's database. */
export async function switchInstance(handle: TestDatabaseHandle, database: TestDatabase) {
  const { closeVaultPool } = await import("@/lib/vault/db");
  const { db: appDb } = await import("@/lib/db/client");
  await closeVaultPool();
  await appDb().$disconnect();
  (globalThis as { confidePrisma?: unknown }).confidePrisma = undefined;
  resetConfigForTests();
  pointAppAt(database);
  await handle.reconnect(database);
}
