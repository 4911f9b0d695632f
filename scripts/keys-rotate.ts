// npm run keys:rotate -- notes|identity
// Re-wraps every client data key of that kind still under an older master key version with the
// newest one (the highest version in NOTES_MASTER_KEYS / IDENTITY_MASTER_KEYS). Content is not
// re-encrypted: only the small wrapped keys change, in batches, while the app keeps running
// (old versions keep decrypting until you remove them from the configuration).
// Procedure: add the new version ("1:<old>,2:<new>"), restart the app, run this, check it
// reports 0 remaining, then retire the old version from the configuration.
// Runs under the react-server export condition (the npm script passes it).
import { parseArgs } from "node:util";
import { recordAudit } from "../lib/audit/record";
import { config } from "../lib/config";
import { db } from "../lib/db/client";
import { rewrapNotesKeys } from "../lib/notes/keys";
import { closeVaultPool } from "../lib/vault/db";
import { rewrapIdentityKeys } from "../lib/vault/identity";
import { rewrapRequestContactKeys } from "../lib/vault/request-contact";
import { resolveDatabase } from "./lib/dev-env";

const { positionals } = parseArgs({ allowPositionals: true });
const kind = positionals[0];
if (kind !== "notes" && kind !== "identity") {
  console.error("Usage: npm run keys:rotate -- notes|identity");
  process.exit(2);
}

const database = await resolveDatabase();
let exitCode = 0;
try {
  const ring = kind === "notes" ? config().NOTES_MASTER_KEYS : config().IDENTITY_MASTER_KEYS;
  const started = performance.now();
  const result = kind === "notes" ? await rewrapNotesKeys() : await rewrapIdentityKeys();
  if (kind === "identity") result.rewrapped += await rewrapRequestContactKeys();
  const seconds = (performance.now() - started) / 1000;
  await recordAudit(db(), {
    practiceId: null,
    actor: { type: "SYSTEM", id: "keys:rotate", role: null },
    action: "system.keys_rotated",
    target: { type: "master_key", id: `${kind}:${ring.current}` },
    outcome: result.remaining === 0 ? "SUCCESS" : "FAILED",
    details: { kind, version: ring.current, rewrapped: result.rewrapped, remaining: result.remaining },
  });
  console.log(
    `${kind}: re-wrapped ${result.rewrapped} data key(s) under master key version ${ring.current} in ${seconds.toFixed(2)} s; ` +
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
