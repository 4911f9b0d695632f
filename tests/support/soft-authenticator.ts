import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// A software passkey authenticator for tests: makes the registration and sign-in answers a
// browser would send, with an ES256 key, "none" attestation and user verification, so the
// server side can be tested against real signatures.

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}

/** Just enough CBOR (RFC 8949) for attestation objects and COSE keys. */
function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

export interface SoftPasskey {
  credentialId: Buffer;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

export function createSoftAuthenticator(opts: { rpId: string; origin: string }) {
  const UP = 0x01, UV = 0x04, AT = 0x40;

  function authData(flags: number, counter: number, attested?: Buffer) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    return Buffer.concat([sha256(opts.rpId), Buffer.from([flags]), c, ...(attested ? [attested] : [])]);
  }

  function clientData(type: string, challenge: string, origin = opts.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  return {
    /** Answers registration options: a new passkey, and the response to send the server. */
    register(options: { challenge: string; user: { id: string } }, overrides: { origin?: string; userVerified?: boolean } = {}) {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const jwk = publicKey.export({ format: "jwk" });
      const coseKey = new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")]]);
      const credentialId = randomBytes(16);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, credentialId, cbor(coseKey)]);
      const flags = UP | AT | (overrides.userVerified === false ? 0 : UV);
      const attestationObject = cbor({ fmt: "none", attStmt: {}, authData: authData(flags, 0, attested) });
      const passkey: SoftPasskey = { credentialId, privateKey, userHandle: options.user.id, counter: 0 };
      const response = {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: "public-key",
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", options.challenge, overrides.origin)),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
      };
      return { passkey, response };
    },

    /** Signs authentication options with a passkey; the counter advances unless told otherwise. */
    authenticate(passkey: SoftPasskey, options: { challenge: string }, overrides: { counter?: number; userHandle?: string | null } = {}) {
      passkey.counter = overrides.counter ?? passkey.counter + 1;
      const data = authData(UP | UV, passkey.counter);
      const cd = clientData("webauthn.get", options.challenge);
      const signature = sign("sha256", Buffer.concat([data, sha256(cd)]), passkey.privateKey);
      const handle = overrides.userHandle === undefined ? passkey.userHandle : overrides.userHandle;
      return {
        id: b64url(passkey.credentialId),
        rawId: b64url(passkey.credentialId),
        type: "public-key",
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(cd),
          authenticatorData: b64url(data),
          signature: b64url(signature),
          ...(handle ? { userHandle: handle } : {}),
        },
      };
    },
  };
}
