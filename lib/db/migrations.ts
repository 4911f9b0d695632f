// Applies and diffs Prisma migrations with Prisma's own WebAssembly schema engine, so migrations
// work offline (no native engine download) yet keep Prisma Migrate's folder layout and its
// `_prisma_migrations` bookkeeping: `prisma migrate deploy` elsewhere sees the same history.
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");

const noFilters = { externalTables: [], externalEnums: [] };

async function loadEngineModule() {
  // The engine reports Rust panics through this global; keep the message for the thrown error.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message: string) => {
      process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
    },
  };
  // Instantiate the wasm by hand so no --experimental-wasm-modules flag is needed.
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm")),
    "schema_engine_bg.wasm",
  );
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as unknown as { __wbindgen_start: () => void };
  (bg as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg as unknown as typeof import("@prisma/schema-engine-wasm");
}

// ColumnTypeEnum.Character in @prisma/driver-adapter-utils.
const CHARACTER_COLUMN = 6;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The schema engine reads catalog columns of PostgreSQL's internal `"char"` type (constraint and
 * relation kinds), which the pg adapter does not map. Read them as text, then tell the engine
 * they are characters.
 */
function presentCharColumns(adapter: object) {
  type Field = { dataTypeID: number };
  type Query = object;
  const io = adapter as unknown as {
    performIO: (q: Query) => Promise<{ fields: Field[] }>;
    queryRaw: (q: Query) => Promise<{ columnTypes: number[] }>;
  };
  const charColumns = new WeakMap<Query, number[]>();
  const performIO = io.performIO.bind(adapter);
  io.performIO = async (query) => {
    const result = await performIO(query);
    const indices: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indices.push(i);
      }
    });
    if (indices.length) charColumns.set(query, indices);
    return result;
  };
  const queryRaw = io.queryRaw.bind(adapter);
  io.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
}

/**
 * The pg driver adapter runs a script by splitting it on every ";", which breaks function and
 * trigger bodies. Send each migration script whole, in one simple-protocol query, as Prisma's
 * native engine does (PostgreSQL then runs it as a single implicit transaction).
 */
function wholeScriptAdapter(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const fields = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  const database = decodeURIComponent(url.pathname.slice(1));
  const patch = <A extends Awaited<ReturnType<PrismaPg["connect"]>>>(adapter: A): A => {
    presentCharColumns(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        (adapter as unknown as { onError: (e: unknown) => never }).onError(error);
      }
    };
    return adapter;
  };
  const main = new PrismaPg({ ...fields, database });
  // The engine never disposes what it connects; we do, or its pooled connections (and the
  // advisory lock Prisma Migrate holds on them) outlive the command.
  const opened: { dispose: () => Promise<void> }[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => {
      const adapter = patch(await main.connect());
      opened.push(adapter);
      return adapter;
    },
    // Our own shadow database: the adapter's drops it while its pool is still connected.
    connectToShadowDb: async () => {
      const shadow = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ ...fields, database });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadow}"`);
      const adapter = patch(await new PrismaPg({ ...fields, database: shadow }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  });
  const disposeAll = async () => {
    await Promise.allSettled(opened.splice(0).map((a) => a.dispose()));
  };
  return { factory, disposeAll };
}

let engineModule: ReturnType<typeof loadEngineModule> | undefined;

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const datamodel = await readFile(schemaPath, "utf8");
  const { factory, disposeAll } = wholeScriptAdapter(databaseUrl);
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    () => {},
    factory,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await disposeAll();
  }
}

export async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lock = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lock },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(migrationsDir, dir, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

// Any fixed 64-bit key: every Confide process that migrates takes this lock first, so two
// processes starting at once apply each migration exactly once.
const MIGRATION_LOCK_KEY = 72_707_369_001;

/** Applies pending migrations; returns the names applied (empty when already current). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const migrationsList = await readMigrationList();
    const out = await withEngine(databaseUrl, (engine) =>
      engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return out.appliedMigrationNames;
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/**
 * SQL that takes a database built from the migrations to the state `schema.prisma` describes;
 * empty when they agree. Replays the migrations in a temporary shadow database, so the role
 * behind `databaseUrl` needs CREATEDB.
 */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await readMigrationList();
  const datamodel = await readFile(schemaPath, "utf8");
  const result = await withEngine(databaseUrl, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    }),
  );
  const sql = (result.stdout ?? "").trim();
  return sql === "-- This is an empty migration." ? "" : sql;
}

/** Names of migrations on disk that the database has not applied yet. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const list = await readMigrationList();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!exists.rows[0]?.t) return list.migrationDirectories.map((d) => d.path);
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((r) => r.migration_name));
    return list.migrationDirectories.map((d) => d.path).filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations to the main database and, when the identity vault lives in a
 * database of its own (VAULT_MIGRATION_DATABASE_URL), to that one too: both get the same
 * migration history, so `prisma migrate deploy` works on either.
 */
export async function applyAllMigrations(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const applied = await applyMigrations(env.MIGRATION_DATABASE_URL!);
  const vault = env.VAULT_MIGRATION_DATABASE_URL;
  if (vault && new URL(vault).pathname !== new URL(env.MIGRATION_DATABASE_URL!).pathname) {
    applied.push(...(await applyMigrations(vault)).map((name) => `${name} (vault database)`));
  }
  return applied;
}
