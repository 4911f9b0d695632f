import "server-only";
import { vaultPool } from "./db";

/** Deletes the identities of these clients of this practice (an import that failed after writing them). */
export async function destroyIdentities(practiceId: string, clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const { rowCount } = await vaultPool().query("DELETE FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])", [practiceId, clientIds]);
  return rowCount ?? 0;
}
