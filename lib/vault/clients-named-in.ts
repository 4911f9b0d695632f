import "server-only";
import { config } from "@/lib/config";
import { vaultPool } from "./db";
import { nameTags } from "./name-tags";

/**
 * For each text, the clients (among `clientIds`, in this practice) whose name words appear in it,
 * most matching words first. Compares keyed tags only: no identity is decrypted. Callers record
 * that they asked (it is a use of the vault).
 */
export async function clientsNamedIn(practiceId: string, clientIds: string[], texts: string[]): Promise<string[][]> {
  if (clientIds.length === 0 || texts.length === 0) return texts.map(() => []);
  const ring = config().IDENTITY_MASTER_KEYS;
  const { rows } = await vaultPool().query<{ client_id: string; name_tags: Buffer[] }>(
    "SELECT client_id, name_tags FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])",
    [practiceId, clientIds],
  );
  const known = rows.map((r) => ({ id: r.client_id, tags: new Set(r.name_tags.map((t) => Buffer.from(t).toString("hex"))) }));
  return texts.map((text) => {
    const tags = [...ring.keys.keys()].flatMap((id) => nameTags(ring, id, text)).map((t) => t.toString("hex"));
    return known
      .map((k) => ({ id: k.id, hits: tags.filter((t) => k.tags.has(t)).length }))
      .filter((k) => k.hits > 0)
      .sort((a, b) => b.hits - a.hits)
      .map((k) => k.id);
  });
}
