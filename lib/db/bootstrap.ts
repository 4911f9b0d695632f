// Creates Confide's database roles and database on a cluster where we hold a superuser (the
// embedded cluster, a test server). docker/postgres-init.sh does the same for docker-compose.
//   confide_owner   owns the schema and runs migrations (CREATEDB for Prisma's shadow database)
//   confide_runtime group role that migrations grant privileges to (never owns anything)
//   confide_app     the login the app runs as: member of confide_runtime, no superuser, no BYPASSRLS
//   confide_vault   the login the identity vault is reached through: member of
//                   confide_vault_runtime only (migrations grant it the vault schema and nothing else)
import pg from "pg";

export const ROLE = {
  owner: "confide_owner",
  runtime: "confide_runtime",
  app: "confide_app",
  vaultRuntime: "confide_vault_runtime",
  vault: "confide_vault",
} as const;

export interface RolePasswords {
  owner: string;
  app: string;
  vault: string;
}

export interface DatabaseUrls {
  ownerUrl: string;
  appUrl: string;
  vaultUrl: string;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function withCredentials(serverUrl: string, user: string, password: string, database: string): string {
  const url = new URL(serverUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureRoles(superuserUrl: string, passwords: RolePasswords) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // Serialise role creation across concurrent bootstraps on one cluster.
    await client.query("SELECT pg_advisory_lock(72707369002)");
    const exists = async (role: string) =>
      (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    for (const group of [ROLE.runtime, ROLE.vaultRuntime]) {
      if (!(await exists(group))) await client.query(`CREATE ROLE ${group} NOLOGIN`);
    }
    for (const [role, password, extra] of [
      [ROLE.owner, passwords.owner, "CREATEDB"],
      [ROLE.app, passwords.app, "NOCREATEDB"],
      [ROLE.vault, passwords.vault, "NOCREATEDB"],
    ] as const) {
      const verb = (await exists(role)) ? "ALTER" : "CREATE";
      await client.query(
        `${verb} ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE ${extra} PASSWORD ${literal(password)}`,
      );
    }
    await client.query(`GRANT ${ROLE.runtime} TO ${ROLE.app}`);
    await client.query(`GRANT ${ROLE.vaultRuntime} TO ${ROLE.vault}`);
    await client.query("SELECT pg_advisory_unlock(72707369002)");
  } finally {
    await client.end();
  }
}

/** Creates `database` owned by confide_owner unless it exists (optionally from a template). */
export async function ensureDatabase(superuserUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${ident(database)} OWNER ${ROLE.owner}${template ? ` TEMPLATE ${ident(template)}` : ""}`,
      );
    }
    // The app may connect; nobody else but the owner may create objects in public.
    await client.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ROLE.runtime}, ${ROLE.vaultRuntime}`);
    await client.query(`REVOKE CREATE ON DATABASE ${ident(database)} FROM PUBLIC`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(superuserUrl: string, database: string) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function databaseUrls(superuserUrl: string, database: string, passwords: RolePasswords): DatabaseUrls {
  return {
    ownerUrl: withCredentials(superuserUrl, ROLE.owner, passwords.owner, database),
    appUrl: withCredentials(superuserUrl, ROLE.app, passwords.app, database),
    vaultUrl: withCredentials(superuserUrl, ROLE.vault, passwords.vault, database),
  };
}
