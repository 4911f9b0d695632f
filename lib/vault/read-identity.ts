import "server-only";
import { openWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { identitySchema, type Identity } from "./schema";

/**
 * Decrypts a client's identity, only within the given practice (another practice's client reads
 * as none, the same rule as the writes). Callers decide who may, and record that they did.
 */
export async function readIdentity(client: { id: string; practiceId: string }): Promise<Identity | null> {
  const { rows } = await vaultPool().query<{ wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT wrapped_key, data_enc FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2",
    [client.id, client.practiceId],
  );
  const row = rows[0];
  if (!row) return null;
  const dataKey = await identityWrapper().unwrap(row.wrapped_key, keyAad(client.id));
  return identitySchema.parse(JSON.parse(openWith(dataKey, row.data_enc, dataAad(client.id))));
}
