import { describe, expect, it } from "vitest";
import { managesMembers, mayResetTwoFactor } from "./member-rules";

const owner = { role: "OWNER" as const, userId: "u-owner" };
const member = (factors: { totp?: boolean; passkeys?: number } = {}, userId = "u-member") => ({
  userId,
  user: { totpEnabledAt: factors.totp ? new Date() : null, _count: { passkeys: factors.passkeys ?? 0 } },
});

describe("member rules", () => {
  it("lets only an owner manage members", () => {
    expect(managesMembers(owner)).toBe(true);
    expect(managesMembers({ role: "THERAPIST" })).toBe(false);
    expect(managesMembers({ role: "MANAGER" })).toBe(false);
  });

  it("offers a two-factor reset for another member who has an authenticator or a passkey", () => {
    expect(mayResetTwoFactor(owner, member({ totp: true }))).toBe(true);
    expect(mayResetTwoFactor(owner, member({ passkeys: 1 }))).toBe(true);
    expect(mayResetTwoFactor(owner, member())).toBe(false);
  });

  it("never offers a reset of the owner's own second factor, nor to anyone but an owner", () => {
    expect(mayResetTwoFactor(owner, member({ totp: true }, owner.userId))).toBe(false);
    expect(mayResetTwoFactor({ role: "THERAPIST", userId: "u-t" }, member({ totp: true }))).toBe(false);
  });
});
