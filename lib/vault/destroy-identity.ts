import "server-only";
import { vaultPool } from "./db";

/**
 * Deletes a client's identity and, with it, the only copy of its data key; and the identity
 * answers and typed signatures of the client's forms with theirs. Only within its practice.
 */
export async function destroyIdentity(client: { id: string; practiceId: string }): Promise<boolean> {
  const pool = vaultPool();
  await pool.query("DELETE FROM vault.form_identity_answer WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  const { rowCount } = await pool.query("DELETE FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  return rowCount === 1;
}
