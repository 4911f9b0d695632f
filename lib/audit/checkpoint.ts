import { createHmac, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "./chain";

// A checkpoint is a signed statement of chain heads: "at this time, chain X ended at sequence N
// with hash H". The key lives outside the database (AUDIT_CHECKPOINT_KEY), so someone who can
// rewrite the database cannot forge one; a rewritten trail no longer matches old checkpoints.

export interface Checkpoint {
  version: 1;
  createdAt: string;
  chains: { chainId: string; seq: string; hash: string }[];
  signature: string;
}

function sign(body: Omit<Checkpoint, "signature">, key: Buffer): string {
  return createHmac("sha256", key).update(canonicalJson(body)).digest("base64url");
}

export function createCheckpoint(chains: Checkpoint["chains"], key: Buffer, now = new Date()): Checkpoint {
  const body = { version: 1 as const, createdAt: now.toISOString(), chains };
  return { ...body, signature: sign(body, key) };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, key: Buffer): boolean {
  const { signature, ...body } = checkpoint;
  const expected = Buffer.from(sign(body, key));
  const given = Buffer.from(String(signature));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Compares a checkpoint with the trail as it stands: the signature must hold, and each chain
 * must still hold, at the checkpoint's sequence, the event with the checkpoint's hash.
 */
export function compareWithCheckpoint(
  checkpoint: Checkpoint,
  key: Buffer,
  hashAt: (chainId: string, seq: string) => string | undefined,
): { ok: true } | { ok: false; reason: string } {
  if (!checkpointSignatureValid(checkpoint, key)) return { ok: false, reason: "the checkpoint's signature is not valid" };
  for (const c of checkpoint.chains) {
    const now = hashAt(c.chainId, c.seq);
    if (now !== c.hash) {
      return { ok: false, reason: `chain ${c.chainId} no longer matches the checkpoint at sequence ${c.seq}` };
    }
  }
  return { ok: true };
}
