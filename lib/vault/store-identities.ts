import "server-only";
import { config } from "@/lib/config";
import { newDataKey, sealWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { nameTags } from "./name-tags";
import type { Identity } from "./schema";

/**
 * Writes many new identities at once (imports): one multi-row INSERT per chunk, each row under a
 * fresh data key. Refuses to replace an existing identity (the import's clients are all new).
 */
export async function storeIdentities(entries: { client: { id: string; practiceId: string }; identity: Identity }[], chunkSize = 1000): Promise<void> {
  const wrapper = identityWrapper();
  const ring = config().IDENTITY_MASTER_KEYS;
  const pool = vaultPool();
  for (let start = 0; start < entries.length; start += chunkSize) {
    const chunk = entries.slice(start, start + chunkSize);
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const { client, identity } of chunk) {
      const dataKey = newDataKey();
      const base = values.length;
      values.push(
        client.id,
        client.practiceId,
        wrapper.currentKeyId,
        await wrapper.wrap(dataKey, keyAad(client.id)),
        sealWith(dataKey, JSON.stringify(identity), dataAad(client.id)),
        nameTags(ring, ring.current, [identity.fullName, identity.preferredName ?? ""].join(" ")),
      );
      rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`);
    }
    await pool.query(`INSERT INTO vault.client_identity (client_id, practice_id, master_key_id, wrapped_key, data_enc, name_tags) VALUES ${rows.join(", ")}`, values);
  }
}
