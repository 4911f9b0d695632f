import "server-only";
import { openWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { identitySchema, type Identity } from "./schema";

/** Decrypts the identities of a practice's clients, for the practice-wide export. */
export async function readPracticeIdentities(practiceId: string): Promise<Map<string, Identity>> {
  const wrapper = identityWrapper();
  const { rows } = await vaultPool().query<{ client_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_id, wrapped_key, data_enc FROM vault.client_identity WHERE practice_id = $1",
    [practiceId],
  );
  const out = new Map<string, Identity>();
  for (const row of rows) {
    const dataKey = await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id));
    out.set(row.client_id, identitySchema.parse(JSON.parse(openWith(dataKey, row.data_enc, dataAad(row.client_id)))));
  }
  return out;
}
