import { randomBytes } from "node:crypto";
import { decrypt, DecryptionError, encrypt, keyIdOf } from "./aead";

// Envelope encryption: each client's content is encrypted under that client's own data keys
// (one for notes, one for identity), and each data key is stored wrapped by a versioned master
// key of its kind. Rotating a master key re-wraps the small data keys, never the content;
// deleting a client's data keys makes their content unreadable for good (crypto-shredding).

/** Versioned master keys, as parsed from NOTES_MASTER_KEYS / IDENTITY_MASTER_KEYS. */
export interface MasterKeyRing {
  current: number;
  keys: Map<number, Buffer>;
}

/**
 * Wraps and unwraps data keys. Today the master keys come from configuration (localKeyWrapper);
 * a KMS would implement the same two calls (hence async).
 */
export interface KeyWrapper {
  readonly currentKeyId: number;
  wrap(dataKey: Uint8Array, associatedData: string): Promise<Buffer>;
  unwrap(wrapped: Uint8Array, associatedData: string): Promise<Buffer>;
}

export class MissingMasterKeyError extends DecryptionError {
  constructor(readonly keyId: number) {
    super(`Master key version ${keyId} is not configured (was it retired too early?).`);
    this.name = "MissingMasterKeyError";
  }
}

export function localKeyWrapper(ring: MasterKeyRing): KeyWrapper {
  return {
    currentKeyId: ring.current,
    async wrap(dataKey, associatedData) {
      return encrypt(ring.keys.get(ring.current)!, dataKey, associatedData, ring.current);
    },
    async unwrap(wrapped, associatedData) {
      const id = keyIdOf(wrapped);
      const key = ring.keys.get(id);
      if (!key) throw new MissingMasterKeyError(id);
      return decrypt(key, wrapped, associatedData);
    },
  };
}

/** A fresh 256-bit data key. */
export const newDataKey = (): Buffer => randomBytes(32);

/** Content under a data key: the envelope's key id is 1 (the data key's only version). */
export const sealWith = (dataKey: Uint8Array, plaintext: string, associatedData: string): Buffer =>
  encrypt(dataKey, plaintext, associatedData, 1);

export const openWith = (dataKey: Uint8Array, envelope: Uint8Array, associatedData: string): string =>
  decrypt(dataKey, envelope, associatedData).toString("utf8");
