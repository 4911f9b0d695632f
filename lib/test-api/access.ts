import { timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

/** The header a test suite sends its CONFIDE_TEST_API_SECRET in. */
export const TEST_API_HEADER = "x-confide-test-secret";

/**
 * Whether this request may use the test-only API: only when the server was started with
 * CONFIDE_TEST_API_SECRET (which lib/config refuses outside a local test setup) and the request
 * carries the same value. Anything else is answered as if the API did not exist.
 */
export function testApiAllows(presented: string | null): boolean {
  const secret = config().CONFIDE_TEST_API_SECRET;
  if (!secret || !presented) return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
