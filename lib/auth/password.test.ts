import { describe, expect, it } from "vitest";
import { ARGON2_PARAMS, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("uses argon2id at or above OWASP's minimum parameters", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19_456);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("a long and memorable passphrase");
    expect(await verifyPassword(hash, "a long and memorable passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a long and memorable passphrasE")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password twice")).not.toBe(await hashPassword("same password twice"));
  });

  it("refuses, after the same work, when there is no account", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});
