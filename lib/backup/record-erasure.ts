import "server-only";
import { config } from "@/lib/config";
import { logger } from "@/lib/log";
import { appendErasure, ledgerKey } from "./erasure-ledger";

/** The reason eraseClient is given when the ledger itself is replayed: already recorded there. */
export const LEDGER_REPLAY_REASON = "ledger_replay";

let warned = false;

/**
 * Appends an erasure to the ledger; called by eraseClient inside its transaction, last, so a
 * ledger that cannot be written (a full or missing disk) rolls the erasure back whole and the
 * owner sees it fail, rather than an erasure that a restore would undo.
 */
export async function recordErasure(entry: { practiceId: string; clientId: string; clientCode: string; actorId: string; actorRole: string; reason: string }): Promise<void> {
  if (entry.reason === LEDGER_REPLAY_REASON) return;
  const { ERASURE_LEDGER_DIR: dir, AUDIT_CHECKPOINT_KEY: key } = config();
  if (!dir) {
    if (!warned && process.env.NODE_ENV === "production") logger.warn("ERASURE_LEDGER_DIR is not set: erasures are not recorded outside the database, so a restore could bring erased clients back");
    warned = true;
    return;
  }
  const { practiceId, clientId, clientCode, actorId, actorRole } = entry;
  await appendErasure(dir, { practiceId, clientId, clientCode, actorId, actorRole, erasedAt: new Date().toISOString() }, ledgerKey(key));
}
