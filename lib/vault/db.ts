import "server-only";
import pg from "pg";
import { config } from "@/lib/config";
import { POOL_CONNECT_TIMEOUT_MS } from "@/lib/db/unavailable";
import { logger } from "@/lib/log";

// The identity vault is reached only through this pool, as the vault role (VAULT_DATABASE_URL):
// it can read the vault schema and nothing else, and the clinical role cannot read the vault.
const globalForVault = globalThis as unknown as { confideVault?: pg.Pool };

export function vaultPool(): pg.Pool {
  if (!globalForVault.confideVault) {
    const pool = new pg.Pool({ connectionString: config().VAULT_DATABASE_URL, max: 5, connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS });
    // An idle connection dropped by the server must not take the process down.
    pool.on("error", (err) => logger.warn({ err: { message: err.message } }, "vault connection lost"));
    globalForVault.confideVault = pool;
  }
  return globalForVault.confideVault;
}

export async function closeVaultPool(): Promise<void> {
  await globalForVault.confideVault?.end();
  globalForVault.confideVault = undefined;
}
