import "server-only";
import { z } from "zod";
import { newDataKey, openWith, sealWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { identityWrapper } from "./keys";
import { rewrapWrappedKeys } from "./rewrap-wrapped-keys";

// Contact details from the public request form (someone without portal access): kept in the
// vault under their own data key, wrapped by the identity master key, never in clinical tables.

export const requestContactSchema = z.object({
  fullName: z.string().trim().min(1, "Enter your full name.").max(200),
  dateOfBirth: z.string().trim().max(10).optional().default(""),
  email: z.string().trim().max(200).optional().default("").refine((v) => !v || z.email().safeParse(v).success, "Enter a valid email address, or leave it empty."),
  phone: z.string().trim().max(40).optional().default(""),
  clientCode: z.string().trim().max(20).optional().default(""),
  details: z.string().trim().max(5000).optional().default(""),
}).refine((v) => v.email || v.phone, { path: ["email"], message: "Give an email address or a phone number so the practice can reply." });

export type RequestContact = z.infer<typeof requestContactSchema>;

const keyAad = (id: string) => `request:${id}:contact-key`;
const dataAad = (id: string) => `request-contact:${id}`;

export async function storeRequestContact(requestId: string, practiceId: string, contact: RequestContact) {
  const wrapper = identityWrapper();
  const dataKey = newDataKey();
  await vaultPool().query(
    "INSERT INTO vault.request_contact (request_id, practice_id, master_key_id, wrapped_key, data_enc) VALUES ($1, $2, $3, $4, $5)",
    [requestId, practiceId, wrapper.currentKeyId, await wrapper.wrap(dataKey, keyAad(requestId)), sealWith(dataKey, JSON.stringify(contact), dataAad(requestId))],
  );
}

/** Decrypts the contact details of one of this practice's requests (another practice's: null). */
export async function readRequestContact(practiceId: string, requestId: string): Promise<RequestContact | null> {
  const { rows } = await vaultPool().query<{ wrapped_key: Buffer; data_enc: Buffer }>("SELECT wrapped_key, data_enc FROM vault.request_contact WHERE request_id = $1 AND practice_id = $2", [requestId, practiceId]);
  if (!rows[0]) return null;
  const dataKey = await identityWrapper().unwrap(rows[0].wrapped_key, keyAad(requestId));
  return JSON.parse(openWith(dataKey, rows[0].data_enc, dataAad(requestId))) as RequestContact;
}

/**
 * The contact data keys of this practice's public-form requests, by request id (none once the
 * contact is destroyed). Only the keys: no contact detail is decrypted.
 */
export async function requestContactDataKeys(practiceId: string, requestIds: string[]): Promise<Map<string, Buffer>> {
  if (requestIds.length === 0) return new Map();
  const wrapper = identityWrapper();
  const { rows } = await vaultPool().query<{ request_id: string; wrapped_key: Buffer }>(
    "SELECT request_id, wrapped_key FROM vault.request_contact WHERE practice_id = $1 AND request_id = ANY($2::uuid[])",
    [practiceId, requestIds],
  );
  return new Map(await Promise.all(rows.map(async (r) => [r.request_id, await wrapper.unwrap(r.wrapped_key, keyAad(r.request_id))] as const)));
}

/** Decrypts the public-form contact details of a practice's requests, for the practice-wide export. */
export async function readPracticeRequestContacts(practiceId: string): Promise<Map<string, RequestContact>> {
  const wrapper = identityWrapper();
  const { rows } = await vaultPool().query<{ request_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT request_id, wrapped_key, data_enc FROM vault.request_contact WHERE practice_id = $1",
    [practiceId],
  );
  const out = new Map<string, RequestContact>();
  for (const row of rows) {
    const dataKey = await wrapper.unwrap(row.wrapped_key, keyAad(row.request_id));
    out.set(row.request_id, JSON.parse(openWith(dataKey, row.data_enc, dataAad(row.request_id))) as RequestContact);
  }
  return out;
}

/** How many of these request ids already have contact details (in any practice): a restore refuses them. */
export async function countRequestContacts(requestIds: string[]): Promise<number> {
  if (requestIds.length === 0) return 0;
  const { rows } = await vaultPool().query<{ n: string }>("SELECT count(*) AS n FROM vault.request_contact WHERE request_id = ANY($1::uuid[])", [requestIds]);
  return Number(rows[0]!.n);
}

/** Deletes the contact details of these requests of this practice (a restore that failed after writing them). */
export async function destroyRequestContacts(practiceId: string, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await vaultPool().query("DELETE FROM vault.request_contact WHERE practice_id = $1 AND request_id = ANY($2::uuid[])", [practiceId, requestIds]);
}

export async function destroyRequestContact(practiceId: string, requestId: string) {
  await destroyRequestContacts(practiceId, [requestId]);
}

/** Rotation: re-wraps contact data keys still under an older identity master version. */
export async function rewrapRequestContactKeys(batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  return rewrapWrappedKeys({ table: "vault.request_contact", id: "request_id", aadColumn: "request_id", aad: keyAad }, batchSize);
}
