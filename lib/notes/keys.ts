import "server-only";
import { config } from "@/lib/config";
import { localKeyWrapper, newDataKey, type KeyWrapper } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";

// Each client's notes are encrypted under that client's notes data key (client_notes_key),
// wrapped by the notes master key. The identity key lives in the vault, never here.

export const notesWrapper = (): KeyWrapper => localKeyWrapper(config().NOTES_MASTER_KEYS);
const keyAad = (clientId: string) => `client:${clientId}:notes-key`;

type Tx = Pick<Prisma.TransactionClient, "clientNotesKey">;

export async function createNotesKey(tx: Tx, clientId: string): Promise<void> {
  const wrapper = notesWrapper();
  await tx.clientNotesKey.create({
    data: { clientId, masterKeyId: wrapper.currentKeyId, wrappedKey: new Uint8Array(await wrapper.wrap(newDataKey(), keyAad(clientId))) },
  });
}

/** A fresh notes data key for a new client and its wrapped form, for bulk inserts (imports). */
export async function newNotesKey(clientId: string): Promise<{ dataKey: Buffer; row: { clientId: string; masterKeyId: number; wrappedKey: Uint8Array<ArrayBuffer> } }> {
  const wrapper = notesWrapper();
  const dataKey = newDataKey();
  return { dataKey, row: { clientId, masterKeyId: wrapper.currentKeyId, wrappedKey: new Uint8Array(await wrapper.wrap(dataKey, keyAad(clientId))) } };
}

/** The client's notes data key, unwrapped; a destroyed key means the notes are gone for good. */
export async function notesDataKey(clientId: string, tx: Tx = db()): Promise<Buffer> {
  const row = await tx.clientNotesKey.findUnique({ where: { clientId } });
  if (!row) throw new AppError("key_destroyed", "This client's notes can no longer be read: their key was destroyed.", 410);
  return notesWrapper().unwrap(row.wrappedKey, keyAad(clientId));
}

/**
 * The notes data keys of this practice's clients with these codes, by code. A client erased (or
 * never known) has none: that absence is what makes what was sealed under it unreadable.
 */
export async function notesDataKeysByCode(practiceId: string, codes: string[], tx: Tx = db()): Promise<Map<string, Buffer>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.clientNotesKey.findMany({
    where: { client: { practiceId, code: { in: codes } } },
    select: { clientId: true, wrappedKey: true, client: { select: { code: true } } },
  });
  const wrapper = notesWrapper();
  return new Map(await Promise.all(rows.map(async (r) => [r.client.code, await wrapper.unwrap(r.wrappedKey, keyAad(r.clientId))] as const)));
}

/** Crypto-shredding: deletes the only copy of the client's notes data key. */
export async function destroyNotesKey(tx: Tx, clientId: string): Promise<boolean> {
  const { count } = await tx.clientNotesKey.deleteMany({ where: { clientId } });
  return count === 1;
}

/** Re-wraps notes data keys still under an older master version (see rewrapIdentityKeys). */
export async function rewrapNotesKeys(batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  const wrapper = notesWrapper();
  const prisma = db();
  let rewrapped = 0;
  for (;;) {
    const rows = await prisma.clientNotesKey.findMany({
      where: { masterKeyId: { not: wrapper.currentKeyId } },
      orderBy: { clientId: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    let progressed = 0;
    for (const row of rows) {
      const dataKey = await wrapper.unwrap(row.wrappedKey, keyAad(row.clientId));
      const { count } = await prisma.clientNotesKey.updateMany({
        where: { clientId: row.clientId, wrappedKey: row.wrappedKey },
        data: { wrappedKey: new Uint8Array(await wrapper.wrap(dataKey, keyAad(row.clientId))), masterKeyId: wrapper.currentKeyId, rewrappedAt: new Date() },
      });
      progressed += count;
    }
    rewrapped += progressed;
    if (progressed === 0) break;
  }
  const remaining = await prisma.clientNotesKey.count({ where: { masterKeyId: { not: wrapper.currentKeyId } } });
  return { rewrapped, remaining };
}
