import "server-only";
import { newDataKey, openWith, sealWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { rewrapWrappedKeys } from "./rewrap-wrapped-keys";
import { identitySchema } from "./schema";
import { z } from "zod";

// An invoice's addressee (the client's name and postal address when it was issued), sealed under
// the client's identity data key. The row keeps its own copy of that key (wrapped by the identity
// master key, as in vault.client_identity), so an invoice the law makes us keep stays readable
// after the client's erasure, until the retention job deletes the row and the key with it.

export const addresseeSchema = z.object({ name: z.string().max(400), address: z.string().max(2000).nullable() });
export type Addressee = z.infer<typeof addresseeSchema>;
const addresseeAad = (invoiceId: string) => `invoice:${invoiceId}:addressee`;

/** Seals the addressee of each invoice from its client's identity now; clients with no identity get none. Returns how many were sealed. */
export async function sealAddressees(practiceId: string, invoices: { invoiceId: string; clientId: string }[]): Promise<number> {
  if (invoices.length === 0) return 0;
  const wrapper = identityWrapper();
  const pool = vaultPool();
  const clientIds = [...new Set(invoices.map((i) => i.clientId))];
  const { rows } = await pool.query<{ client_id: string; master_key_id: number; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_id, master_key_id, wrapped_key, data_enc FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])",
    [practiceId, clientIds],
  );
  const byClient = new Map<string, { keyId: number; wrapped: Buffer; key: Buffer; addressee: Addressee }>();
  for (const row of rows) {
    const key = await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id));
    const identity = identitySchema.parse(JSON.parse(openWith(key, row.data_enc, dataAad(row.client_id))));
    byClient.set(row.client_id, { keyId: row.master_key_id, wrapped: row.wrapped_key, key: Buffer.from(key), addressee: { name: identity.fullName, address: identity.address ?? null } });
  }
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const { invoiceId, clientId } of invoices) {
    const c = byClient.get(clientId);
    if (!c) continue;
    const at = values.length;
    values.push(invoiceId, clientId, practiceId, c.keyId, c.wrapped, sealWith(c.key, JSON.stringify(c.addressee), addresseeAad(invoiceId)));
    tuples.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`);
  }
  // In chunks, to stay well under the protocol's 65,535 parameters.
  for (let i = 0; i < tuples.length; i += 1000) {
    const chunk = tuples.slice(i, i + 1000);
    const first = i * 6;
    const params = values.slice(first, first + chunk.length * 6);
    const renumbered = chunk.map((_, j) => `($${j * 6 + 1}, $${j * 6 + 2}, $${j * 6 + 3}, $${j * 6 + 4}, $${j * 6 + 5}, $${j * 6 + 6})`);
    await pool.query(`INSERT INTO vault.invoice_addressee (invoice_id, client_id, practice_id, master_key_id, wrapped_key, data_enc) VALUES ${renumbered.join(", ")}`, params);
  }
  return tuples.length;
}

/** The addressee of one invoice of this practice, or null (none recorded at issue, or destroyed). */
export async function readAddressee(practiceId: string, invoiceId: string): Promise<Addressee | null> {
  const { rows } = await vaultPool().query<{ client_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_id, wrapped_key, data_enc FROM vault.invoice_addressee WHERE invoice_id = $1 AND practice_id = $2",
    [invoiceId, practiceId],
  );
  const row = rows[0];
  if (!row) return null;
  const key = await identityWrapper().unwrap(row.wrapped_key, keyAad(row.client_id));
  return addresseeSchema.parse(JSON.parse(openWith(key, row.data_enc, addresseeAad(invoiceId))));
}

/** Deletes the addressees of these invoices (retention destroyed them, or their issue failed). */
export async function destroyAddressees(practiceId: string, invoiceIds: string[]): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const { rowCount } = await vaultPool().query("DELETE FROM vault.invoice_addressee WHERE practice_id = $1 AND invoice_id = ANY($2::uuid[])", [practiceId, invoiceIds]);
  return rowCount ?? 0;
}

/** The sealed rows of a practice, as they are (for the practice export: still ciphertext). */
export async function sealedAddressees(practiceId: string) {
  const { rows } = await vaultPool().query<{ invoice_id: string; client_id: string; master_key_id: number; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT invoice_id, client_id, master_key_id, wrapped_key, data_enc FROM vault.invoice_addressee WHERE practice_id = $1 ORDER BY invoice_id",
    [practiceId],
  );
  return rows;
}

/** Every addressee of a practice, decrypted, by invoice id (for the practice export, which carries identities in the clear). */
export async function readPracticeAddressees(practiceId: string): Promise<Map<string, Addressee>> {
  const wrapper = identityWrapper();
  const out = new Map<string, Addressee>();
  for (const row of await sealedAddressees(practiceId)) {
    const key = await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id));
    out.set(row.invoice_id, addresseeSchema.parse(JSON.parse(openWith(key, row.data_enc, addresseeAad(row.invoice_id)))));
  }
  return out;
}

/**
 * Restore: seals each given addressee as it was issued (not from today's identity), under its
 * client's identity data key when the client has an identity here, else under a fresh key of
 * its own (a client erased before the export, whose invoices are kept by law).
 */
export async function storeAddressees(practiceId: string, entries: { invoiceId: string; clientId: string; addressee: Addressee }[]): Promise<void> {
  if (entries.length === 0) return;
  const wrapper = identityWrapper();
  const pool = vaultPool();
  const { rows } = await pool.query<{ client_id: string; master_key_id: number; wrapped_key: Buffer }>(
    "SELECT client_id, master_key_id, wrapped_key FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])",
    [practiceId, [...new Set(entries.map((e) => e.clientId))]],
  );
  const keys = new Map<string, { keyId: number; wrapped: Buffer; key: Buffer }>();
  for (const row of rows) keys.set(row.client_id, { keyId: row.master_key_id, wrapped: row.wrapped_key, key: Buffer.from(await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id))) });
  for (const e of entries) {
    if (!keys.has(e.clientId)) {
      const key = newDataKey();
      keys.set(e.clientId, { keyId: wrapper.currentKeyId, wrapped: Buffer.from(await wrapper.wrap(key, keyAad(e.clientId))), key });
    }
    const k = keys.get(e.clientId)!;
    await pool.query("INSERT INTO vault.invoice_addressee (invoice_id, client_id, practice_id, master_key_id, wrapped_key, data_enc) VALUES ($1, $2, $3, $4, $5, $6)", [
      e.invoiceId,
      e.clientId,
      practiceId,
      k.keyId,
      k.wrapped,
      sealWith(k.key, JSON.stringify(addresseeSchema.parse(e.addressee)), addresseeAad(e.invoiceId)),
    ]);
  }
}

/** Key rotation: re-wraps addressee keys still under an older identity master version (see rewrap-identity-keys.ts). */
export async function rewrapInvoiceAddressees(batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  return rewrapWrappedKeys({ table: "vault.invoice_addressee", id: "invoice_id", aadColumn: "client_id", aad: keyAad }, batchSize);
}
