import { randomInt } from "node:crypto";

// Client codes: 11 random symbols from Crockford's base-32 alphabet (no I, L, O, U: nothing to
// confuse with 1 or 0, no accidental words) = 55 bits, plus one Luhn mod-32 check symbol, so any
// single mistyped symbol and most swaps of neighbours are caught. Shown as K7Q4-MX2P-B9XD;
// stored without hyphens. They are random, not sequential, and say nothing about the person.
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = CODE_ALPHABET.length;
const RANDOM_SYMBOLS = 11;
export const CODE_LENGTH = RANDOM_SYMBOLS + 1;

function luhnCheckSymbol(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * CODE_ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N]!;
}

export function generateClientCode(): string {
  let body = "";
  for (let i = 0; i < RANDOM_SYMBOLS; i++) body += CODE_ALPHABET[randomInt(N)];
  return body + luhnCheckSymbol(body);
}

/** K7Q4MX2PB9XD → K7Q4-MX2P-B9XD */
export const formatClientCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/**
 * What a person typed, as a canonical code, or null if it cannot be one (wrong length, a
 * symbol outside the alphabet, or a failed check symbol). Forgiving about case, spaces, hyphens
 * and the look-alikes O→0, I/L→1.
 */
export function parseClientCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== CODE_LENGTH) return null;
  if ([...cleaned].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return luhnCheckSymbol(cleaned.slice(0, -1)) === cleaned.at(-1) ? cleaned : null;
}
