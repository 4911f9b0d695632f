import { describe, expect, it } from "vitest";
import { newPasswordSchema } from "./password-policy";

const check = (p: string) => newPasswordSchema.safeParse(p);

describe("new passwords", () => {
  it("need at least 12 characters and accept long passphrases (64 and more)", () => {
    expect(check("short-pass1").success).toBe(false);
    expect(check("violet kettle harbour").success).toBe(true);
    expect(check("a".repeat(0) + "correct horse battery staple ".repeat(4).trim()).success).toBe(true);
    expect(check("x".repeat(200) + "y".repeat(56)).success).toBe(true);
    expect(check("x".repeat(257)).success).toBe(false);
  });

  it("refuse common passwords, also dressed up with digits or repeated", () => {
    for (const p of ["qwerty123456", "1q2w3e4r5t6y", "Password2024!", "!!sunshine2024", "qwertyqwerty"]) {
      expect(check(p).success, p).toBe(false);
    }
    expect(check("Password2024!").error?.issues[0]?.message).toMatch(/too common/);
  });

  it("have no composition rules", () => {
    expect(check("all lower case words here").success).toBe(true);
  });
});
