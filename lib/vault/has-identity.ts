import "server-only";
import { vaultPool } from "./db";

/** Whether a client of this practice has an identity recorded (another practice's client: false). */
export async function hasIdentity(client: { id: string; practiceId: string }): Promise<boolean> {
  const { rowCount } = await vaultPool().query("SELECT 1 FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  return rowCount === 1;
}
