import "server-only";
import { config } from "@/lib/config";
import { openWith } from "@/lib/crypto/envelope";
import { vaultPool } from "./db";
import { dataAad, identityWrapper, keyAad } from "./keys";
import { nameTags } from "./name-tags";
import { rewrapFormIdentityAnswerKeys } from "./form-answers";
import { rewrapInvoiceAddressees } from "./invoice-addressee";
import { rewrapRequestContactKeys } from "./request-contact";
import { identitySchema } from "./schema";

/**
 * Re-wraps identity data keys still under an older master version with the current one, in
 * batches, and recomputes name tags under it; then every other vault table whose data keys the
 * identity master key wraps (invoice addressees, public-form contacts, form identity answers),
 * so that retiring the old version loses nothing. Old versions keep decrypting meanwhile; a
 * concurrent write to a row makes its update miss and the next run picks it up.
 */
export async function rewrapIdentityKeys(batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  const wrapper = identityWrapper();
  const ring = config().IDENTITY_MASTER_KEYS;
  const pool = vaultPool();
  let rewrapped = 0;
  for (;;) {
    const { rows } = await pool.query<{ client_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
      "SELECT client_id, wrapped_key, data_enc FROM vault.client_identity WHERE master_key_id <> $1 ORDER BY client_id LIMIT $2",
      [wrapper.currentKeyId, batchSize],
    );
    if (rows.length === 0) break;
    let progressed = 0;
    for (const row of rows) {
      const dataKey = await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id));
      const identity = identitySchema.parse(JSON.parse(openWith(dataKey, row.data_enc, dataAad(row.client_id))));
      const tags = nameTags(ring, ring.current, [identity.fullName, identity.preferredName ?? ""].join(" "));
      const { rowCount } = await pool.query(
        `UPDATE vault.client_identity SET wrapped_key = $2, master_key_id = $3, name_tags = $4, rewrapped_at = now()
         WHERE client_id = $1 AND wrapped_key = $5`,
        [row.client_id, await wrapper.wrap(dataKey, keyAad(row.client_id)), wrapper.currentKeyId, tags, row.wrapped_key],
      );
      progressed += rowCount ?? 0;
    }
    rewrapped += progressed;
    if (progressed === 0) break;
  }
  const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM vault.client_identity WHERE master_key_id <> $1", [wrapper.currentKeyId]);
  // Invoice addressees keep their own copy of the client's identity key (kept after erasure);
  // request contacts and form identity answers have data keys of their own.
  const others = [await rewrapInvoiceAddressees(batchSize), await rewrapRequestContactKeys(batchSize), await rewrapFormIdentityAnswerKeys(batchSize)];
  return { rewrapped: rewrapped + others.reduce((n, r) => n + r.rewrapped, 0), remaining: Number(rows[0]!.n) + others.reduce((n, r) => n + r.remaining, 0) };
}
