// A PostgreSQL cluster run from a directory with the server's own binaries (initdb, pg_ctl):
// the restore drill's scratch cluster, and the source cluster of the drill's test.
import { chown, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { runTool, toolUser } from "./processes";

export interface LocalCluster {
  dataDir: string;
  /** A private directory (0700) holding the server's Unix socket. */
  socketDir: string;
  port: number;
  /** A connection string over the socket; the cluster trusts local connections only. */
  url: (database: string, user?: string) => string;
  stop: () => Promise<void>;
}

/** Makes a directory the tools' user owns (0700): PostgreSQL and pgBackRest write there. */
export async function toolDir(dir: string): Promise<string> {
  const first = await mkdir(dir, { recursive: true, mode: 0o700 });
  const as = toolUser();
  if (as) {
    // Every folder made here, not only the last, so the tools' user can walk down to it.
    let made = path.resolve(dir);
    const created = [made];
    while (first && made !== path.resolve(first)) created.push((made = path.dirname(made)));
    for (const d of first ? created : [path.resolve(dir)]) await chown(d, as.uid, as.gid);
  }
  return dir;
}

export async function initCluster(binDir: string, dataDir: string): Promise<void> {
  await toolDir(path.dirname(dataDir));
  await runTool(path.join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
}

/**
 * Starts a cluster listening on its Unix socket only (no TCP), with our own pg_hba.conf that
 * trusts local connections: whatever the restored files say about access, nobody reaches the
 * scratch copy but a process on this machine that can enter the 0700 socket directory.
 */
export async function startCluster(opts: {
  binDir: string;
  dataDir: string;
  port: number;
  settings?: Record<string, string>;
  env?: Record<string, string | undefined>;
  timeoutSeconds?: number;
  /** Lines added to the trusting pg_hba.conf (a test's source cluster, reached over TCP too). */
  hba?: string[];
}): Promise<LocalCluster> {
  const base = path.dirname(opts.dataDir);
  const socketDir = await toolDir(path.join(base, "socket"));
  const hbaFile = path.join(base, "pg_hba.conf");
  await writeFile(hbaFile, ["local all all trust", ...(opts.hba ?? [])].join("\n") + "\n", { mode: 0o644 });
  const settings: Record<string, string> = {
    listen_addresses: "",
    port: String(opts.port),
    unix_socket_directories: socketDir,
    hba_file: hbaFile,
    ...opts.settings,
  };
  const serverArgs = Object.entries(settings).map(([k, v]) => `-c ${k}=${quoteSetting(v)}`).join(" ");
  const logFile = path.join(base, "postgres.log");
  const ctl = path.join(opts.binDir, "pg_ctl");
  try {
    await runTool(ctl, ["start", "-w", "-t", String(opts.timeoutSeconds ?? 600), "-D", opts.dataDir, "-l", logFile, "-o", serverArgs], { env: opts.env });
  } catch (error) {
    // The server's own reason (a setting lower than on the source, a target not reached).
    const reasons = (await readFile(logFile, "utf8").catch(() => "")).split("\n").filter((l) => /FATAL|DETAIL|HINT/.test(l)).slice(-4);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${reasons.join("\n")}`);
  }
  const url = (database: string, user = "postgres") =>
    `postgresql://${encodeURIComponent(user)}@/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}&port=${opts.port}`;
  return {
    dataDir: opts.dataDir,
    socketDir,
    port: opts.port,
    url,
    stop: async () => {
      await runTool(ctl, ["stop", "-m", "fast", "-w", "-D", opts.dataDir], { allowFailure: true });
    },
  };
}

/** pg_ctl starts the server through /bin/sh with -o in its command line: quote every value. */
function quoteSetting(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Waits until the cluster has left recovery (promoted), or throws after timeoutMs. */
export async function waitForPromotion(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
      if (!rows[0]!.r) return;
    } catch {
      // Still starting (or shutting down after failing to reach the target): try again.
    } finally {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error("The restored cluster did not finish recovery in time (see postgres.log beside its data directory).");
    await new Promise((r) => setTimeout(r, 250));
  }
}
