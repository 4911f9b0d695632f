import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, DecryptionError, encrypt, keyIdOf } from "./aead";

const key = Buffer.alloc(32, 0x11);

describe("AES-256-GCM envelopes", () => {
  it("matches a published known-answer vector (NIST GCM test case 14: zero key, zero IV)", () => {
    // Node's cipher is what we wrap; this pins the primitive and mode to the standard.
    const cipher = createCipheriv("aes-256-gcm", Buffer.alloc(32), Buffer.alloc(12));
    const ct = Buffer.concat([cipher.update(Buffer.alloc(16)), cipher.final()]);
    expect(ct.toString("hex")).toBe("cea7403d4d606b6e074ec5d3baf39d18");
    expect(cipher.getAuthTag().toString("hex")).toBe("d0d1c8a799996bf0265b98b5d48ab919");
  });

  it("round-trips text and records the key id", () => {
    const box = encrypt(key, "JBSWY3DPEHPK3PXP", "user:1:totp", 7);
    expect(keyIdOf(box)).toBe(7);
    expect(decrypt(key, box, "user:1:totp").toString("utf8")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("never repeats a ciphertext for the same plaintext", () => {
    expect(encrypt(key, "same", "a").equals(encrypt(key, "same", "a"))).toBe(false);
  });

  it("refuses the wrong key, the wrong row, and any flipped bit", () => {
    const box = encrypt(key, "secret", "user:1:totp");
    expect(() => decrypt(Buffer.alloc(32, 0x22), box, "user:1:totp")).toThrow(DecryptionError);
    expect(() => decrypt(key, box, "user:2:totp")).toThrow(DecryptionError);
    for (const at of [3, 20, box.length - 1]) {
      const tampered = Buffer.from(box);
      tampered[at]! ^= 0x01;
      expect(() => decrypt(key, tampered, "user:1:totp")).toThrow(DecryptionError);
    }
  });

  it("refuses data that is not one of its envelopes", () => {
    expect(() => decrypt(key, Buffer.from("not an envelope at all, clearly"), "x")).toThrow(/Unknown ciphertext format/);
  });
});
