import "server-only";
import { vaultPool } from "./db";

/** How many of these client ids already have an identity (in any practice): a restore refuses them. */
export async function countIdentities(clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const { rows } = await vaultPool().query<{ n: string }>("SELECT count(*) AS n FROM vault.client_identity WHERE client_id = ANY($1::uuid[])", [clientIds]);
  return Number(rows[0]!.n);
}
