import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { databaseUrls, dropDatabase, ensureDatabase } from "@/lib/db/bootstrap";
import { generateSecrets } from "@/lib/config/secrets";
import { TEST_ROLE_PASSWORDS } from "./test-cluster";

export interface TestDatabase {
  name: string;
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  vaultUrl: string;
  drop: () => Promise<void>;
}

/** A private copy of the migrated template database for one test file. */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const superuserUrl = inject("superuserUrl");
  const name = `confide_t_${randomBytes(6).toString("hex")}`;
  await ensureDatabase(superuserUrl, name, opts.empty ? undefined : "confide_test_template");
  return {
    name,
    superuserUrl: new URL(`/${name}`, superuserUrl).toString(),
    ...databaseUrls(superuserUrl, name, TEST_ROLE_PASSWORDS),
    drop: () => dropDatabase(superuserUrl, name),
  };
}

/** Points the app's configuration at `database`, as the runtime role, with fresh keys. */
export function pointAppAt(database: TestDatabase) {
  Object.assign(process.env, generateSecrets(), { DATABASE_URL: database.appUrl, VAULT_DATABASE_URL: database.vaultUrl });
}
