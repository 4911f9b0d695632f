import "server-only";
import { newDataKey, openWith, sealWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { identityWrapper } from "./keys";
import { rewrapWrappedKeys } from "./rewrap-wrapped-keys";

// A sent form's identity answers (name, date of birth, contact, GP, emergency contact) and the
// names typed as consent signatures, by question id: in the vault, under their own data key
// wrapped by the identity master key, bound to the sent form. The clinical side never holds them.

export type FormIdentityAnswers = Record<string, string>;

const keyAad = (clientFormId: string) => `client-form:${clientFormId}:identity-key`;
const dataAad = (clientFormId: string) => `form-identity:${clientFormId}`;

/** Creates or replaces a sent form's identity answers; never over another practice's or client's row. */
export async function storeFormIdentityAnswers(clientFormId: string, client: { id: string; practiceId: string }, answers: FormIdentityAnswers): Promise<void> {
  const wrapper = identityWrapper();
  const pool = vaultPool();
  const existing = await pool.query<{ wrapped_key: Buffer }>("SELECT wrapped_key FROM vault.form_identity_answer WHERE client_form_id = $1 AND practice_id = $2 AND client_id = $3", [clientFormId, client.practiceId, client.id]);
  const dataKey = existing.rows[0] ? await wrapper.unwrap(existing.rows[0].wrapped_key, keyAad(clientFormId)) : newDataKey();
  const wrapped = existing.rows[0]?.wrapped_key ?? (await wrapper.wrap(dataKey, keyAad(clientFormId)));
  const { rowCount } = await pool.query(
    `INSERT INTO vault.form_identity_answer (client_form_id, client_id, practice_id, master_key_id, wrapped_key, data_enc)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (client_form_id) DO UPDATE SET data_enc = EXCLUDED.data_enc, updated_at = now()
     WHERE vault.form_identity_answer.practice_id = EXCLUDED.practice_id AND vault.form_identity_answer.client_id = EXCLUDED.client_id`,
    [clientFormId, client.id, client.practiceId, wrapper.currentKeyId, wrapped, sealWith(dataKey, JSON.stringify(answers), dataAad(clientFormId))],
  );
  if (rowCount !== 1) throw new Error("form identity write refused: the sent form belongs to another client");
}

async function open(row: { client_form_id: string; wrapped_key: Buffer; data_enc: Buffer }): Promise<FormIdentityAnswers> {
  const dataKey = await identityWrapper().unwrap(row.wrapped_key, keyAad(row.client_form_id));
  return JSON.parse(openWith(dataKey, row.data_enc, dataAad(row.client_form_id))) as FormIdentityAnswers;
}

/** Decrypts one sent form's identity answers, only within its practice (none yet: an empty record). */
export async function readFormIdentityAnswers(practiceId: string, clientFormId: string): Promise<FormIdentityAnswers> {
  const { rows } = await vaultPool().query<{ client_form_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_form_id, wrapped_key, data_enc FROM vault.form_identity_answer WHERE client_form_id = $1 AND practice_id = $2",
    [clientFormId, practiceId],
  );
  return rows[0] ? open(rows[0]) : {};
}

/** Decrypts the identity answers of a practice's sent forms, by sent form id (practice export). */
export async function readPracticeFormIdentityAnswers(practiceId: string): Promise<Map<string, FormIdentityAnswers>> {
  const { rows } = await vaultPool().query<{ client_form_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_form_id, wrapped_key, data_enc FROM vault.form_identity_answer WHERE practice_id = $1",
    [practiceId],
  );
  return new Map(await Promise.all(rows.map(async (r) => [r.client_form_id, await open(r)] as const)));
}

/** Deletes the identity answers of these sent forms of this practice (a restore that failed). */
export async function destroyFormIdentityAnswers(practiceId: string, clientFormIds: string[]): Promise<number> {
  if (clientFormIds.length === 0) return 0;
  const { rowCount } = await vaultPool().query("DELETE FROM vault.form_identity_answer WHERE practice_id = $1 AND client_form_id = ANY($2::uuid[])", [practiceId, clientFormIds]);
  return rowCount ?? 0;
}

/** Rotation: re-wraps the answers' data keys still under an older identity master version. */
export async function rewrapFormIdentityAnswerKeys(batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  return rewrapWrappedKeys({ table: "vault.form_identity_answer", id: "client_form_id", aadColumn: "client_form_id", aad: keyAad }, batchSize);
}
