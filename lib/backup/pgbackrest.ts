// pgBackRest, driven from its command line. Everything about the repository (its path or S3
// bucket, cipher type and pass, retention) reaches it through PGBACKREST_* environment
// variables, so the cipher pass is never on a command line that `ps` shows, never in the
// database, and never in the repository.
import { z } from "zod";
import { runTool, type ToolResult } from "./processes";

export interface PgBackRest {
  stanza: string;
  /** PGBACKREST_* variables (repository, cipher, log and lock paths) passed to every command. */
  env: Record<string, string | undefined>;
  /** The pgbackrest executable; "pgbackrest" on PATH by default. */
  bin?: string;
}

/** The PGBACKREST_* variables of an environment, and nothing else of it. */
export function pgBackRestEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith("PGBACKREST_") && e[1] !== undefined));
}

export function runPgBackRest(
  repo: PgBackRest,
  command: string,
  options: Record<string, string | number | boolean> = {},
  timeoutMs?: number,
): Promise<ToolResult> {
  const args = [`--stanza=${repo.stanza}`];
  for (const [k, v] of Object.entries(options)) args.push(v === true ? `--${k}` : `--${k}=${v}`);
  args.push(command);
  return runTool(repo.bin ?? "pgbackrest", args, { env: repo.env, timeoutMs });
}

const backupSchema = z.object({
  label: z.string(),
  type: z.enum(["full", "diff", "incr"]),
  timestamp: z.object({ start: z.number(), stop: z.number() }),
  info: z.object({ size: z.number(), repository: z.object({ size: z.number(), delta: z.number() }) }),
});
const infoSchema = z.array(
  z.object({
    name: z.string(),
    status: z.object({ code: z.number(), message: z.string() }),
    cipher: z.string().optional(),
    backup: z.array(backupSchema).default([]),
    archive: z.array(z.object({ min: z.string().nullable(), max: z.string().nullable() })).default([]),
  }),
);
export type BackupSetInfo = z.infer<typeof backupSchema>;

export interface RepositoryInfo {
  /** Backup sets, oldest first. */
  backups: BackupSetInfo[];
  cipher: string | undefined;
  newestWal: string | null;
}

/** pgBackRest quotes a file it could not decrypt into its JSON, control characters and all. */
function parseInfo(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error("pgBackRest cannot read the repository (its info files do not decrypt); check the repository path and PGBACKREST_REPO1_CIPHER_PASS.");
  }
}

export async function repositoryInfo(repo: PgBackRest): Promise<RepositoryInfo> {
  const { stdout } = await runPgBackRest(repo, "info", { output: "json" });
  const stanza = infoSchema.parse(parseInfo(stdout)).find((s) => s.name === repo.stanza);
  if (!stanza) throw new Error(`pgBackRest knows no stanza "${repo.stanza}".`);
  // 0: ok; 2: no backup yet. Anything else (a wrong cipher pass, a missing repository) is named.
  if (stanza.status.code !== 0 && stanza.status.code !== 2) {
    throw new Error(`pgBackRest cannot read the repository for stanza "${repo.stanza}" (status ${stanza.status.code}: ${stanza.status.message}); check the repository path and PGBACKREST_REPO1_CIPHER_PASS.`);
  }
  return {
    backups: stanza.backup,
    cipher: stanza.cipher,
    newestWal: stanza.archive.map((a) => a.max).filter((m): m is string => !!m).sort().at(-1) ?? null,
  };
}
