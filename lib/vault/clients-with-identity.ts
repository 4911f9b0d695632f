import "server-only";
import { vaultPool } from "./db";

/** Which of these clients of a practice have an identity in the vault (ids only, nothing decrypted). */
export async function clientsWithIdentity(practiceId: string, clientIds: string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const { rows } = await vaultPool().query<{ client_id: string }>(
    "SELECT client_id FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])",
    [practiceId, clientIds],
  );
  return new Set(rows.map((r) => r.client_id));
}
