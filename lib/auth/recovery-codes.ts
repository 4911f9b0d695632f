import { createHmac, randomInt } from "node:crypto";

// Ten single-use codes of 10 characters from an unambiguous alphabet (50 bits each), shown once.
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789".slice(0, 32);
export const RECOVERY_CODE_COUNT = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(input: string): boolean {
  return /^[A-Z0-9]{10}$/.test(normaliseRecoveryCode(input));
}

export function hashRecoveryCode(pepper: Uint8Array, code: string): Buffer {
  return createHmac("sha256", pepper).update(normaliseRecoveryCode(code)).digest();
}
