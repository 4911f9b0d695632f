import "server-only";
import { config } from "@/lib/config";
import { newDataKey, sealWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { nameTags } from "./name-tags";
import type { Identity } from "./schema";

/** Creates or replaces a client's identity. The data key is made on first write and kept after. */
export async function storeIdentity(client: { id: string; practiceId: string }, identity: Identity): Promise<void> {
  const wrapper = identityWrapper();
  const ring = config().IDENTITY_MASTER_KEYS;
  const pool = vaultPool();
  const existing = await pool.query<{ wrapped_key: Buffer }>("SELECT wrapped_key FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  const dataKey = existing.rows[0] ? await wrapper.unwrap(existing.rows[0].wrapped_key, keyAad(client.id)) : newDataKey();
  const wrapped = existing.rows[0]?.wrapped_key ?? (await wrapper.wrap(dataKey, keyAad(client.id)));
  const data = sealWith(dataKey, JSON.stringify(identity), dataAad(client.id));
  const tags = nameTags(ring, ring.current, [identity.fullName, identity.preferredName ?? ""].join(" "));
  // Never over another practice's row with the same client id: that write changes nothing and fails.
  const { rowCount } = await pool.query(
    `INSERT INTO vault.client_identity (client_id, practice_id, master_key_id, wrapped_key, data_enc, name_tags)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (client_id) DO UPDATE SET data_enc = EXCLUDED.data_enc, name_tags = EXCLUDED.name_tags, updated_at = now()
     WHERE vault.client_identity.practice_id = EXCLUDED.practice_id`,
    [client.id, client.practiceId, wrapper.currentKeyId, wrapped, data, tags],
  );
  if (rowCount !== 1) throw new Error("identity write refused: the client id belongs to another practice");
}
