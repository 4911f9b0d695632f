import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, keyIdOf } from "./aead";
import { localKeyWrapper, MissingMasterKeyError, newDataKey, openWith, sealWith } from "./envelope";

const ring = (...ids: number[]) => ({ current: Math.max(...ids), keys: new Map(ids.map((id) => [id, randomBytes(32)])) });

describe("envelope encryption", () => {
  it("wraps a data key under the current master version and unwraps it under any configured version", async () => {
    const v1 = ring(1);
    const dataKey = newDataKey();
    const wrapped = await localKeyWrapper(v1).wrap(dataKey, "client:a:notes-key");
    expect(keyIdOf(wrapped)).toBe(1);
    const v2 = { current: 2, keys: new Map([...v1.keys, [2, randomBytes(32)]]) };
    expect(await localKeyWrapper(v2).unwrap(wrapped, "client:a:notes-key")).toEqual(dataKey);
    const rewrapped = await localKeyWrapper(v2).wrap(dataKey, "client:a:notes-key");
    expect(keyIdOf(rewrapped)).toBe(2);
  });

  it("refuses a wrapped key moved to another client, or whose master version was retired", async () => {
    const keys = ring(1);
    const wrapped = await localKeyWrapper(keys).wrap(newDataKey(), "client:a:notes-key");
    await expect(localKeyWrapper(keys).unwrap(wrapped, "client:b:notes-key")).rejects.toBeInstanceOf(DecryptionError);
    const retired = { current: 2, keys: new Map([[2, randomBytes(32)]]) };
    await expect(localKeyWrapper(retired).unwrap(wrapped, "client:a:notes-key")).rejects.toBeInstanceOf(MissingMasterKeyError);
  });

  it("content sealed under a data key opens only with that key and on its own row", () => {
    const dataKey = newDataKey();
    const sealed = sealWith(dataKey, "Client reported better sleep.", "note:1");
    expect(sealed.includes(Buffer.from("sleep"))).toBe(false);
    expect(openWith(dataKey, sealed, "note:1")).toBe("Client reported better sleep.");
    expect(() => openWith(dataKey, sealed, "note:2")).toThrow(DecryptionError);
    expect(() => openWith(newDataKey(), sealed, "note:1")).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openWith(dataKey, tampered, "note:1")).toThrow(DecryptionError);
  });
});
