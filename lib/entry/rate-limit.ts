import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { limitKey, reserveAttempt, type Limit } from "@/lib/rate-limit";

/** Counts one call against `limit` for `subject`; refuses with a 429 once the limit is reached. */
export async function enforceRateLimit(limit: Limit, subject: string): Promise<void> {
  const gate = await reserveAttempt(db(), [{ limit, key: limitKey(limit, subject) }]);
  if (gate.allowed) return;
  const minutes = Math.max(1, Math.ceil(gate.retryAfterSeconds / 60));
  throw Object.assign(new AppError("rate_limited", `Too many requests. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429), { retryAfterSeconds: gate.retryAfterSeconds });
}
