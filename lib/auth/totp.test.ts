import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { matchTotp, newTotpSecret } from "./totp";

describe("TOTP codes", () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 4, 3, 9, 0, 10);
  const at = (ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });

  it("accept the current code and one step either side, and say which step matched", async () => {
    const step = BigInt(Math.floor(now / 30_000));
    expect(await matchTotp(secret, await at(now), now)).toBe(step);
    expect(await matchTotp(secret, await at(now - 30_000), now)).toBe(step - 1n);
    expect(await matchTotp(secret, await at(now + 30_000), now)).toBe(step + 1n);
  });

  it("refuse codes two steps away, malformed codes, and other secrets' codes", async () => {
    expect(await matchTotp(secret, await at(now - 60_000), now)).toBeNull();
    expect(await matchTotp(secret, "12345", now)).toBeNull();
    expect(await matchTotp(secret, "abcdef", now)).toBeNull();
    expect(await matchTotp(newTotpSecret(), await at(now), now)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct 10-character codes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  });

  it("hash the same however they are typed, and differently under another pepper", () => {
    const pepper = Buffer.alloc(32, 1);
    const [code] = generateRecoveryCodes(1);
    const typed = ` ${code!.toLowerCase().replace("-", " ")} `;
    expect(looksLikeRecoveryCode(typed)).toBe(true);
    expect(hashRecoveryCode(pepper, typed).equals(hashRecoveryCode(pepper, code!))).toBe(true);
    expect(hashRecoveryCode(Buffer.alloc(32, 2), code!).equals(hashRecoveryCode(pepper, code!))).toBe(false);
  });
});
