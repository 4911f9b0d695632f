import "server-only";
import { vaultPool } from "./db";
import { identityWrapper } from "./keys";

// Identity key rotation for the vault tables that keep their own data key wrapped by the
// identity master key (invoice addressees, public-form request contacts, form identity answers):
// only the small wrapped key changes, in batches, while the app keeps running. A row written
// meanwhile makes its update miss (its wrapped key changed) and the next run picks it up.

export interface WrappedKeyTable {
  /** The table, e.g. "vault.request_contact" (from code, never from input). */
  table: string;
  /** Its primary key column. */
  id: string;
  /** The column the key's associated data is bound to, and how. */
  aadColumn: string;
  aad: (value: string) => string;
}

/** Re-wraps this table's data keys still under an older identity master version; says how many remain. */
export async function rewrapWrappedKeys(t: WrappedKeyTable, batchSize = 200): Promise<{ rewrapped: number; remaining: number }> {
  const wrapper = identityWrapper();
  const pool = vaultPool();
  let rewrapped = 0;
  for (;;) {
    const { rows } = await pool.query<{ id: string; bound: string; wrapped_key: Buffer }>(
      `SELECT ${t.id}::text AS id, ${t.aadColumn}::text AS bound, wrapped_key FROM ${t.table} WHERE master_key_id <> $1 ORDER BY ${t.id} LIMIT $2`,
      [wrapper.currentKeyId, batchSize],
    );
    let progressed = 0;
    for (const row of rows) {
      const key = await wrapper.unwrap(row.wrapped_key, t.aad(row.bound));
      const { rowCount } = await pool.query(`UPDATE ${t.table} SET wrapped_key = $2, master_key_id = $3 WHERE ${t.id} = $1 AND wrapped_key = $4`, [
        row.id,
        await wrapper.wrap(key, t.aad(row.bound)),
        wrapper.currentKeyId,
        row.wrapped_key,
      ]);
      progressed += rowCount ?? 0;
    }
    rewrapped += progressed;
    if (progressed === 0) break;
  }
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.table} WHERE master_key_id <> $1`, [wrapper.currentKeyId]);
  return { rewrapped, remaining: Number(rows[0]!.n) };
}
