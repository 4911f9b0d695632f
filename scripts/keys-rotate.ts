// npm run keys:rotate -- notes|identity|account
// Re-wraps every client data key of that kind still under an older master key version with the
// newest one (the highest version in NOTES_MASTER_KEYS / IDENTITY_MASTER_KEYS). Content is not
// re-encrypted: only the small wrapped keys change, in batches, while the app keeps running
// (old versions keep decrypting until you remove them from the configuration).
// Procedure: add the new version ("1:<old>,2:<new>"), restart the app, run this, check it
// reports 0 remaining, then retire the old version from the configuration.
// `account` re-seals account secrets (TOTP seeds, connected calendar addresses and event titles)
// still sealed directly under ACCOUNT_SECRETS_KEY, from before per-purpose sub-keys, under their
// sub-keys (lib/crypto/account-keys.ts); the old envelopes keep opening until then.
// Runs under the react-server export condition (the npm script passes it).
import { parseArgs } from "node:util";
import { recordAudit } from "../lib/audit/record";
import { config } from "../lib/config";
import { SUBKEY_ID } from "../lib/crypto/account-keys";
import { resealAccountSecrets } from "../lib/crypto/reseal-account-secrets";
import { db } from "../lib/db/client";
import { rewrapNotesKeys } from "../lib/notes/keys";
import { closeVaultPool } from "../lib/vault/db";
import { rewrapIdentityKeys } from "../lib/vault/rewrap-identity-keys";
import { resolveDatabase } from "./lib/dev-env";

const { positionals } = parseArgs({ allowPositionals: true });
const kind = positionals[0];
if (kind !== "notes" && kind !== "identity" && kind !== "account") {
  console.error("Usage: npm run keys:rotate -- notes|identity|account");
  process.exit(2);
}

const database = await resolveDatabase();
let exitCode = 0;
try {
  const started = performance.now();
  let result: { rewrapped: number; remaining: number };
  let version: number;
  if (kind === "account") {
    const resealed = await resealAccountSecrets();
    result = { rewrapped: resealed.resealed, remaining: resealed.remaining };
    version = SUBKEY_ID;
  } else {
    version = (kind === "notes" ? config().NOTES_MASTER_KEYS : config().IDENTITY_MASTER_KEYS).current;
    result = kind === "notes" ? await rewrapNotesKeys() : await rewrapIdentityKeys();
  }
  const seconds = (performance.now() - started) / 1000;
  await recordAudit(db(), {
    practiceId: null,
    actor: { type: "SYSTEM", id: "keys:rotate", role: null },
    action: "system.keys_rotated",
    target: { type: "master_key", id: `${kind}:${version}` },
    outcome: result.remaining === 0 ? "SUCCESS" : "FAILED",
    details: { kind, version, rewrapped: result.rewrapped, remaining: result.remaining },
  });
  console.log(
    kind === "account"
      ? `account: re-sealed ${result.rewrapped} account secret(s) under their sub-keys in ${seconds.toFixed(2)} s; ${result.remaining} still under ACCOUNT_SECRETS_KEY itself.`
      : `${kind}: re-wrapped ${result.rewrapped} data key(s) under master key version ${version} in ${seconds.toFixed(2)} s; ` +
          `${result.remaining} still under an older version.`,
  );
  if (result.remaining > 0) {
    console.error("Some keys were changed while rotating; run the command again.");
    exitCode = 1;
  }
} finally {
  await closeVaultPool();
  await db().$disconnect();
  await database.stop();
}
process.exit(exitCode);
