import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a self-describing envelope, so a ciphertext says which key made it and is
// never parsed by guessing:
//   [format 0x01][key id: uint16 BE][iv: 12 bytes][tag: 16 bytes][ciphertext]
// Associated data binds a ciphertext to where it belongs (e.g. "user:<id>:totp"): moved to
// another row, it no longer decrypts.

const FORMAT = 0x01;
const HEADER = 1 + 2 + 12 + 16;

export class DecryptionError extends Error {
  constructor(message = "The data could not be decrypted: wrong key, wrong record, or tampered.") {
    super(message);
    this.name = "DecryptionError";
  }
}

export function encrypt(key: Uint8Array, plaintext: Uint8Array | string, associatedData: string, keyId = 0): Buffer {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key.");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext), cipher.final()]);
  const header = Buffer.alloc(3);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt16BE(keyId, 1);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

/** The key id a ciphertext was made with, read from its envelope. */
export function keyIdOf(envelope: Uint8Array): number {
  const buf = Buffer.from(envelope);
  if (buf.length < HEADER || buf.readUInt8(0) !== FORMAT) throw new DecryptionError("Unknown ciphertext format.");
  return buf.readUInt16BE(1);
}

export function decrypt(key: Uint8Array, envelope: Uint8Array, associatedData: string): Buffer {
  const buf = Buffer.from(envelope);
  keyIdOf(buf);
  const iv = buf.subarray(3, 15);
  const tag = buf.subarray(15, 31);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}
