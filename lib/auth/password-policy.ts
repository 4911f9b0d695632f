import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// NIST SP 800-63B style: long enough, not known to be common, no composition rules.
// The list is zxcvbn-ts's bundled 49,000 most common passwords; a password is also refused when
// it is only a common one with digits or symbols around it ("password2024!").
const common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (core.length >= 4 && common.has(core)) return true;
  // One short common password repeated ("qwertyqwerty").
  for (let n = 3; n <= lower.length / 2; n++) {
    if (lower.length % n === 0 && lower.slice(0, n).repeat(lower.length / n) === lower && common.has(lower.slice(0, n))) return true;
  }
  return false;
}

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !isCommonPassword(p), "That password is too common: people guess it first. Choose something less predictable.");
