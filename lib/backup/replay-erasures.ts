import "server-only";
import type { Actor, MemberRole } from "@/lib/auth/actor";
import { eraseClient } from "@/lib/clients/erase";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ledgerKey, readLedger, type ErasureEntry } from "./erasure-ledger";
import { LEDGER_REPLAY_REASON } from "./record-erasure";

// After a restore, before the app serves anyone: every erasure in the ledger whose client the
// restored database still holds is carried out again (keys destroyed, rows deleted, identity
// gone from the vault, a new `client.erased` tombstone with reason "ledger_replay"). Erasures the
// restore already reflects find no client and are skipped, so running it twice changes nothing.

/** The member who erased, as eraseClient records them; the replay acts on their behalf. */
function onBehalfOf(entry: ErasureEntry): Actor {
  return {
    sessionId: "",
    userId: entry.actorId,
    displayName: "",
    membershipId: "",
    role: entry.actorRole as MemberRole,
    practiceId: entry.practiceId,
    practiceName: "",
    stepUpAt: null,
  };
}

export async function replayErasureLedger(): Promise<{ recorded: number; reapplied: number; codes: string[] }> {
  const dir = config().ERASURE_LEDGER_DIR;
  if (!dir) throw new Error("ERASURE_LEDGER_DIR is not set: the erasure ledger cannot be replayed, so this restore could bring erased clients back.");
  const entries = await readLedger(dir, ledgerKey(config().AUDIT_CHECKPOINT_KEY));
  const codes: string[] = [];
  for (const entry of entries) {
    const client = await db().client.findFirst({ where: { id: entry.clientId, practiceId: entry.practiceId } });
    if (!client) continue;
    await eraseClient(onBehalfOf(entry), client, LEDGER_REPLAY_REASON, { requestId: null, ip: null, userAgent: "erasure:replay" });
    codes.push(client.code);
  }
  return { recorded: entries.length, reapplied: codes.length, codes };
}
