import { generateSecret, generateURI, verify } from "otplib";

// TOTP as authenticator apps do it (RFC 6238: SHA-1, 6 digits, 30 s), accepting one step
// either side for clock drift. Replay protection is the caller's: it stores the step.
export const TOTP_PERIOD = 30;

/** The associated data binding a user's encrypted TOTP seed to that user's row. */
export const totpAad = (userId: string) => `user:${userId}:totp`;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: "Confide", label: accountLabel, secret });
}

/** The time step the code belongs to, or null when it matches none of now ±1 step. */
export async function matchTotp(secret: string, code: string, nowMs = Date.now()): Promise<bigint | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: TOTP_PERIOD });
  if (!result.valid) return null;
  return BigInt(Math.floor(nowMs / 1000 / TOTP_PERIOD) + result.delta);
}
