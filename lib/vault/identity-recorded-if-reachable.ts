import "server-only";
import { logger } from "@/lib/log";
import { hasIdentity } from "./has-identity";

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
