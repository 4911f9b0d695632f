import "server-only";
import { config } from "@/lib/config";
import { vaultPool } from "./db";
import { nameTags } from "./name-tags";

/** Whether any word of `label` is a word of a client's name in this practice's vault. */
export async function labelLooksLikeAName(practiceId: string, label: string): Promise<boolean> {
  const ring = config().IDENTITY_MASTER_KEYS;
  const tags = [...ring.keys.keys()].flatMap((id) => nameTags(ring, id, label));
  if (tags.length === 0) return false;
  const { rowCount } = await vaultPool().query(
    "SELECT 1 FROM vault.client_identity WHERE practice_id = $1 AND name_tags && $2::bytea[] LIMIT 1",
    [practiceId, tags],
  );
  return (rowCount ?? 0) > 0;
}
