import { randomInt } from "node:crypto";
import { z } from "zod";

// Portal PINs: a one-time PIN handed over in session (8 random digits), replaced by the client
// at first sign-in with their own: 6 to 12 digits, not trivial to guess.

export const generateOneTimePin = () => Array.from({ length: 8 }, () => randomInt(10)).join("");

const COMMON = new Set(["123456", "654321", "123123", "121212", "112233", "123321", "696969", "159753", "147258", "123654", "000001", "102030", "1234567", "12345678", "87654321", "11223344", "12341234", "123456789", "1234567890", "0123456789"]);

/** Why a PIN is too easy to guess, or null. */
export function trivialPinReason(pin: string): string | null {
  if (/^(\d)\1+$/.test(pin)) return "Do not use the same digit over and over.";
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return "Do not use digits in order, like 123456.";
  if (COMMON.has(pin)) return "That PIN is one of the most common. Choose another.";
  if (/^(\d\d)\1+$/.test(pin) || /^(\d\d\d)\1+$/.test(pin)) return "Do not repeat a short pattern, like 121212.";
  if (/^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(pin) || /^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(19|20)?\d\d$/.test(pin)) {
    return "Do not use a date, like a birthday.";
  }
  return null;
}

export const newPinSchema = z
  .object({
    pin: z.string().regex(/^\d{6,12}$/, "Use 6 to 12 digits."),
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    const reason = trivialPinReason(v.pin);
    if (reason) ctx.addIssue({ code: "custom", path: ["pin"], message: reason });
    if (v.pin !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two PINs are not the same." });
  });
