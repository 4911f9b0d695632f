import { describe, expect, it } from "vitest";
import { signCounterAdvances } from "./counter";
import { challengeOf } from "./schema";

describe("signature counters", () => {
  it("must go up once an authenticator keeps one", () => {
    expect(signCounterAdvances(0n, 1)).toBe(true);
    expect(signCounterAdvances(7n, 8)).toBe(true);
    expect(signCounterAdvances(7n, 7)).toBe(false);
    expect(signCounterAdvances(7n, 3)).toBe(false);
    expect(signCounterAdvances(7n, 0)).toBe(false);
  });

  it("may stay at zero for authenticators that keep none", () => {
    expect(signCounterAdvances(0n, 0)).toBe(true);
  });

  it("handle the whole unsigned 32-bit range", () => {
    expect(signCounterAdvances(2n ** 31n, 2 ** 32 - 1)).toBe(true);
  });
});

describe("the challenge a browser answered", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("is read from clientDataJSON", () => {
    expect(challengeOf(encode({ type: "webauthn.get", challenge: "abc_-123", origin: "https://x" }))).toBe("abc_-123");
  });

  it("is null when clientDataJSON is not JSON or holds no usable challenge", () => {
    expect(challengeOf("not-json")).toBeNull();
    expect(challengeOf(encode({ challenge: 42 }))).toBeNull();
    expect(challengeOf(encode({ challenge: "has spaces" }))).toBeNull();
  });
});
