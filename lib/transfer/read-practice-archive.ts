import "server-only";
import { createHash } from "node:crypto";
import { strFromU8 } from "fflate";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { ENTITIES, ENTITY_NAMES, manifestSchema, type EntityName, type EntityRows, type Manifest } from "./archive";
import { openBoundedZip, type BoundedZip } from "./read-zip";

// The first step of a practice restore: the archive opened within its limits, its manifest read,
// and every entity file checked against its checksum and its schema. Nothing touches the database.

export const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export type ReadArchiveResult = { ok: true; manifest: Manifest; rows: EntityRows } | { ok: false; problems: string[] };

/** Reads a practice export; a broken zip or manifest throws a 400, broken entity files come back as problems. */
export function readPracticeArchive(bytes: Uint8Array): ReadArchiveResult {
  const { zip, manifest } = readArchive(bytes);
  const problems: string[] = [];
  const rows = parseEntities(zip, manifest, problems);
  return rows ? { ok: true, manifest, rows } : { ok: false, problems };
}

/** Opens the archive within its limits (lib/transfer/read-zip.ts) and reads its manifest. */
function readArchive(bytes: Uint8Array) {
  const zip = openBoundedZip(bytes);
  const file = zip.read("manifest.json");
  if (!file) throw new AppError("no_manifest", "This ZIP has no manifest.json, so it is not a Confide practice export.", 400);
  const manifest = manifestSchema.safeParse(parseJson(file));
  if (!manifest.success) {
    throw new AppError("bad_manifest", "This archive's manifest.json is not a Confide practice export of format version 1.", 400);
  }
  return { zip, manifest: manifest.data };
}

function parseJson(file: Uint8Array): unknown {
  try {
    return JSON.parse(strFromU8(file));
  } catch {
    return undefined;
  }
}

/** One entity file at a time: inflated, checked and parsed, its bytes dropped before the next. */
function parseEntities(zip: BoundedZip, manifest: Manifest, problems: string[]): EntityRows | null {
  for (const [name, count] of Object.entries(manifest.counts)) {
    if (count > 0 && !(ENTITY_NAMES as string[]).includes(name)) problems.push(`The archive holds ${count} "${name}" rows, which this version of Confide cannot import yet. Nothing was imported, so nothing is left behind.`);
  }
  const rows: Partial<EntityRows> = {};
  for (const name of ENTITY_NAMES) {
    const file = zip.read(`${name}.json`);
    if (!file && !(name in manifest.counts)) {
      // An entity added to the format after this archive was made.
      (rows as Record<EntityName, unknown[]>)[name] = [];
      continue;
    }
    if (!file) {
      problems.push(`${name}.json is missing from the archive.`);
      continue;
    }
    if (manifest.sha256[`${name}.json`] && manifest.sha256[`${name}.json`] !== sha256(file).toString("hex")) {
      problems.push(`${name}.json does not match the checksum in manifest.json: the archive was changed or damaged.`);
      continue;
    }
    const parsed = z.array(ENTITIES[name] as z.ZodType).safeParse(parseJson(file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`${name}.json row ${Number(issue.path[0] ?? 0) + 1}, field ${issue.path.slice(1).join(".") || "(row)"}: ${issue.message}`);
      continue;
    }
    if (parsed.data.length !== (manifest.counts[name] ?? 0)) problems.push(`${name}.json holds ${parsed.data.length} rows but manifest.json says ${manifest.counts[name] ?? 0}.`);
    (rows as Record<EntityName, unknown[]>)[name] = parsed.data;
  }
  return problems.length > 0 ? null : (rows as EntityRows);
}
