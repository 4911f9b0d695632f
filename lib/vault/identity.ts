import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { z } from "zod";
import { config } from "@/lib/config";
import { localKeyWrapper, newDataKey, openWith, sealWith, type KeyWrapper, type MasterKeyRing } from "@/lib/crypto/envelope";
import { logger } from "@/lib/log";
import { vaultPool } from "./db";

// A client's identity: one ciphertext per client in vault.client_identity, under the client's
// identity data key, itself wrapped by the identity master key (never the notes key).

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const identitySchema = z.object({
  fullName: z.string().trim().min(1, "Enter the client's full name.").max(200, "Keep the name under 200 characters."),
  preferredName: optionalText(100),
  dateOfBirth: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && v <= new Date().toISOString().slice(0, 10)), {
      message: "Enter a date of birth in the past, as YYYY-MM-DD.",
    }),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .refine((v) => v === undefined || z.email().safeParse(v).success, { message: "Enter a valid email address." }),
  phone: optionalText(40).refine((v) => v === undefined || /^[+\d][\d\s()-]{5,}$/.test(v), { message: "Enter a phone number (digits, spaces, + and brackets)." }),
  address: optionalText(500),
  emergencyContact: optionalText(300),
  gp: optionalText(300),
});

export type Identity = z.infer<typeof identitySchema>;
export const IDENTITY_FIELDS: { key: keyof Identity; label: string; contact: boolean }[] = [
  { key: "fullName", label: "Full name", contact: true },
  { key: "preferredName", label: "Preferred name", contact: true },
  { key: "dateOfBirth", label: "Date of birth", contact: false },
  { key: "email", label: "Email", contact: true },
  { key: "phone", label: "Phone", contact: true },
  { key: "address", label: "Address", contact: false },
  { key: "emergencyContact", label: "Emergency contact", contact: false },
  { key: "gp", label: "GP", contact: false },
];

export const identityWrapper = (): KeyWrapper => localKeyWrapper(config().IDENTITY_MASTER_KEYS);
const keyAad = (clientId: string) => `client:${clientId}:identity-key`;
const dataAad = (clientId: string) => `identity:${clientId}`;

// Blind index: keyed HMACs of normalised name words, so "is this label someone's name?" can be
// asked without decrypting anyone. The HMAC key is derived from an identity master key version.
const tagKey = (ring: MasterKeyRing, id: number) =>
  Buffer.from(hkdfSync("sha256", ring.keys.get(id)!, Buffer.alloc(0), "confide:identity-name-tags", 32));
const nameWords = (text: string) =>
  [...new Set(text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3))];
const nameTags = (ring: MasterKeyRing, id: number, text: string) =>
  nameWords(text).map((w) => createHmac("sha256", tagKey(ring, id)).update(w).digest().subarray(0, 16));

/** Creates or replaces a client's identity. The data key is made on first write and kept after. */
export async function storeIdentity(client: { id: string; practiceId: string }, identity: Identity): Promise<void> {
  const wrapper = identityWrapper();
  const ring = config().IDENTITY_MASTER_KEYS;
  const pool = vaultPool();
  const existing = await pool.query<{ wrapped_key: Buffer }>("SELECT wrapped_key FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  const dataKey = existing.rows[0] ? await wrapper.unwrap(existing.rows[0].wrapped_key, keyAad(client.id)) : newDataKey();
  const wrapped = existing.rows[0]?.wrapped_key ?? (await wrapper.wrap(dataKey, keyAad(client.id)));
  const data = sealWith(dataKey, JSON.stringify(identity), dataAad(client.id));
  const tags = nameTags(ring, ring.current, [identity.fullName, identity.preferredName ?? ""].join(" "));
  // Never over another practice's row with the same client id: that write changes nothing and fails.
  const { rowCount } = await pool.query(
    `INSERT INTO vault.client_identity (client_id, practice_id, master_key_id, wrapped_key, data_enc, name_tags)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (client_id) DO UPDATE SET data_enc = EXCLUDED.data_enc, name_tags = EXCLUDED.name_tags, updated_at = now()
     WHERE vault.client_identity.practice_id = EXCLUDED.practice_id`,
    [client.id, client.practiceId, wrapper.currentKeyId, wrapped, data, tags],
  );
  if (rowCount !== 1) throw new Error("identity write refused: the client id belongs to another practice");
}

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

/** Deletes the identities of these clients of this practice (an import that failed after writing them). */
export async function destroyIdentities(practiceId: string, clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const { rowCount } = await vaultPool().query("DELETE FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])", [practiceId, clientIds]);
  return rowCount ?? 0;
}

/** How many of these client ids already have an identity (in any practice): a restore refuses them. */
export async function countIdentities(clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const { rows } = await vaultPool().query<{ n: string }>("SELECT count(*) AS n FROM vault.client_identity WHERE client_id = ANY($1::uuid[])", [clientIds]);
  return Number(rows[0]!.n);
}

/** Decrypts the identities of a practice's clients, for the practice-wide export. */
export async function readPracticeIdentities(practiceId: string): Promise<Map<string, Identity>> {
  const wrapper = identityWrapper();
  const { rows } = await vaultPool().query<{ client_id: string; wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT client_id, wrapped_key, data_enc FROM vault.client_identity WHERE practice_id = $1",
    [practiceId],
  );
  const out = new Map<string, Identity>();
  for (const row of rows) {
    const dataKey = await wrapper.unwrap(row.wrapped_key, keyAad(row.client_id));
    out.set(row.client_id, identitySchema.parse(JSON.parse(openWith(dataKey, row.data_enc, dataAad(row.client_id)))));
  }
  return out;
}

/** Whether a client of this practice has an identity recorded (another practice's client: false). */
export async function hasIdentity(client: { id: string; practiceId: string }): Promise<boolean> {
  const { rowCount } = await vaultPool().query("SELECT 1 FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  return rowCount === 1;
}

/**
 * As hasIdentity, for pages that must work without the vault: null when the vault cannot be
 * reached (the client page then says so, and everything clinical on it still renders).
 */
export async function identityRecordedIfReachable(client: { id: string; practiceId: string }): Promise<boolean | null> {
  try {
    return await hasIdentity(client);
  } catch (err) {
    logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "vault unreachable: identity status unknown");
    return null;
  }
}

/**
 * Decrypts a client's identity, only within the given practice (another practice's client reads
 * as none, the same rule as the writes). Callers decide who may, and record that they did.
 */
export async function readIdentity(client: { id: string; practiceId: string }): Promise<Identity | null> {
  const { rows } = await vaultPool().query<{ wrapped_key: Buffer; data_enc: Buffer }>(
    "SELECT wrapped_key, data_enc FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2",
    [client.id, client.practiceId],
  );
  const row = rows[0];
  if (!row) return null;
  const dataKey = await identityWrapper().unwrap(row.wrapped_key, keyAad(client.id));
  return identitySchema.parse(JSON.parse(openWith(dataKey, row.data_enc, dataAad(client.id))));
}

/** Deletes a client's identity and, with it, the only copy of its data key. Only within its practice. */
export async function destroyIdentity(client: { id: string; practiceId: string }): Promise<boolean> {
  const { rowCount } = await vaultPool().query("DELETE FROM vault.client_identity WHERE client_id = $1 AND practice_id = $2", [client.id, client.practiceId]);
  return rowCount === 1;
}

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

/**
 * Re-wraps identity data keys still under an older master version with the current one, in
 * batches, and recomputes name tags under it. Old versions keep decrypting meanwhile; a
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
  return { rewrapped, remaining: Number(rows[0]!.n) };
}

/** Which of these clients of a practice have an identity in the vault (ids only, nothing decrypted). */
export async function clientsWithIdentity(practiceId: string, clientIds: string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const { rows } = await vaultPool().query<{ client_id: string }>(
    "SELECT client_id FROM vault.client_identity WHERE practice_id = $1 AND client_id = ANY($2::uuid[])",
    [practiceId, clientIds],
  );
  return new Set(rows.map((r) => r.client_id));
}
