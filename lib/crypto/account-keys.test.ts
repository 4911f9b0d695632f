import { beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { generateSecrets } from "@/lib/config/secrets";
import { accountSubkey, accountSubkeyFrom, hkdfSha256, isLegacyAccountEnvelope, openAccountSecret, recoveryCodePeppers, sealAccountSecret, SUBKEY_ID } from "./account-keys";
import { decrypt, DecryptionError, encrypt, keyIdOf } from "./aead";

let master: Buffer;

beforeAll(() => {
  Object.assign(process.env, generateSecrets(), { DATABASE_URL: "postgresql://app@localhost/confide", VAULT_DATABASE_URL: "postgresql://vault@localhost/confide" });
  resetConfigForTests();
  master = Buffer.from(process.env.ACCOUNT_SECRETS_KEY!, "base64");
});

describe("account sub-keys", () => {
  it("derives with HKDF-SHA256 as RFC 5869 specifies (test cases 1 and 3)", () => {
    const ikm = Buffer.alloc(22, 0x0b);
    const salt = Buffer.from("000102030405060708090a0b0c", "hex");
    const info = Buffer.from("f0f1f2f3f4f5f6f7f8f9", "hex");
    expect(hkdfSha256(ikm, info, 42, salt).toString("hex")).toBe(
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    );
    // Zero-length salt and info: the defaults our sub-keys use for the salt.
    expect(hkdfSha256(ikm, "", 42).toString("hex")).toBe(
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    );
  });

  it("gives each purpose its own key, none of them the master key", () => {
    const purposes = ["totpSeed", "recoveryCodePepper", "calendarUrl", "calendarEventSummary", "calendarEventUid"] as const;
    const keys = purposes.map((p) => accountSubkey(p).toString("hex"));
    expect(new Set(keys).size).toBe(purposes.length);
    expect(keys).not.toContain(master.toString("hex"));
    expect(accountSubkey("totpSeed")).toEqual(hkdfSha256(master, "confide/totp-seed"));
    // The calendar UID key was derived before sub-keys existed: same label, so stored hashes still match.
    expect(accountSubkey("calendarEventUid")).toEqual(hkdfSha256(master, "confide:calendar-import-uid"));
    expect(accountSubkeyFrom(master, "calendarUrl")).toEqual(accountSubkey("calendarUrl"));
  });

  it("seals under the purpose's sub-key (key id 1), bound to its row, not readable with the master key", () => {
    const sealed = sealAccountSecret("totpSeed", "JBSWY3DPEHPK3PXP", "user:1:totp");
    expect(keyIdOf(sealed)).toBe(SUBKEY_ID);
    expect(isLegacyAccountEnvelope(sealed)).toBe(false);
    expect(openAccountSecret("totpSeed", sealed, "user:1:totp").toString("utf8")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => decrypt(master, sealed, "user:1:totp")).toThrow(DecryptionError);
    expect(() => openAccountSecret("calendarUrl", sealed, "user:1:totp")).toThrow(DecryptionError);
    expect(() => openAccountSecret("totpSeed", sealed, "user:2:totp")).toThrow(DecryptionError);
  });

  it("still opens an envelope sealed under the master key before sub-keys (key id 0)", () => {
    const old = encrypt(master, "https://calendar.example/feed.ics", "membership:m1:calendar-import-url");
    expect(isLegacyAccountEnvelope(old)).toBe(true);
    expect(openAccountSecret("calendarUrl", old, "membership:m1:calendar-import-url").toString("utf8")).toBe("https://calendar.example/feed.ics");
    expect(() => openAccountSecret("calendarUrl", old, "membership:m2:calendar-import-url")).toThrow(DecryptionError);
    expect(() => openAccountSecret("calendarUrl", encrypt(master, "x", "a", 9), "a")).toThrow(DecryptionError);
  });

  it("peppers new recovery codes with their sub-key and still accepts the master key's", () => {
    const { current, accepted } = recoveryCodePeppers();
    expect(current).toEqual(hkdfSha256(master, "confide/recovery-code-pepper"));
    expect(accepted).toEqual([current, master]);
  });
});
