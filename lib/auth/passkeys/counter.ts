/**
 * Whether an authenticator's signature counter may follow the stored one. Authenticators that
 * keep no counter always report 0 (allowed while both are 0); otherwise it must go up, or the
 * credential may have been cloned.
 */
export function signCounterAdvances(stored: bigint | number, received: number): boolean {
  const before = BigInt(stored);
  const after = BigInt(received);
  if (before === 0n && after === 0n) return true;
  return after > before;
}
