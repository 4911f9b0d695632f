import { hkdfSync } from "node:crypto";
import { config } from "@/lib/config";
import { decrypt, DecryptionError, encrypt, keyIdOf } from "./aead";

// ACCOUNT_SECRETS_KEY is a master key only: every use gets its own sub-key, derived with
// HKDF-SHA256 (RFC 5869) under a distinct label, so no key is both an AES key and an HMAC key,
// and one purpose's key tells nothing about another's.
//
// Compatibility: before sub-keys, the master key itself sealed account secrets (envelopes with
// key id 0) and peppered recovery codes. Envelopes under a sub-key carry key id 1; id 0 still
// opens with the master key until `npm run keys:rotate -- account` re-seals it. Recovery codes
// made before stay accepted (their hash under the master key is checked too) until the member
// generates new ones: the codes themselves were shown once and cannot be re-hashed.

const LABELS = {
  totpSeed: "confide/totp-seed",
  recoveryCodePepper: "confide/recovery-code-pepper",
  calendarUrl: "confide/calendar-url",
  calendarEventSummary: "confide/calendar-event-summary",
  rateLimitKey: "confide/rate-limit-key",
  // Derived since connected calendars began; the label is kept so stored hashes still match.
  calendarEventUid: "confide:calendar-import-uid",
} as const;

export type AccountKeyPurpose = keyof typeof LABELS;
/** The purposes whose key seals (AES-256-GCM) rather than hashes. */
export type SealPurpose = "totpSeed" | "calendarUrl" | "calendarEventSummary";

/** Key id in the envelope of a secret sealed under its purpose's sub-key. */
export const SUBKEY_ID = 1;
/** Key id of envelopes sealed directly under ACCOUNT_SECRETS_KEY (before sub-keys). */
export const LEGACY_KEY_ID = 0;

/** HKDF-SHA256 (RFC 5869): `length` bytes of key for `info`, from input key material `ikm`. */
export function hkdfSha256(ikm: Uint8Array, info: string | Uint8Array, length = 32, salt: Uint8Array = new Uint8Array(0)): Buffer {
  return Buffer.from(hkdfSync("sha256", ikm, salt, typeof info === "string" ? Buffer.from(info, "utf8") : info, length));
}

/** The sub-key for `purpose` under a given master key (e2e fixtures seal with it directly). */
export const accountSubkeyFrom = (master: Uint8Array, purpose: AccountKeyPurpose) => hkdfSha256(master, LABELS[purpose]);

/** The sub-key for `purpose` under the configured ACCOUNT_SECRETS_KEY. */
export const accountSubkey = (purpose: AccountKeyPurpose) => accountSubkeyFrom(config().ACCOUNT_SECRETS_KEY, purpose);

export const sealAccountSecret = (purpose: SealPurpose, plaintext: string | Uint8Array, associatedData: string) =>
  new Uint8Array(encrypt(accountSubkey(purpose), plaintext, associatedData, SUBKEY_ID));

/** Opens a sealed account secret, whether under its sub-key or (from before sub-keys) the master key. */
export function openAccountSecret(purpose: SealPurpose, envelope: Uint8Array, associatedData: string): Buffer {
  const keyId = keyIdOf(envelope);
  if (keyId === SUBKEY_ID) return decrypt(accountSubkey(purpose), envelope, associatedData);
  if (keyId === LEGACY_KEY_ID) return decrypt(config().ACCOUNT_SECRETS_KEY, envelope, associatedData);
  throw new DecryptionError("Unknown account secret key id.");
}

export const isLegacyAccountEnvelope = (envelope: Uint8Array) => keyIdOf(envelope) === LEGACY_KEY_ID;

/**
 * Peppers for recovery-code hashes: `current` for new codes; `accepted` when checking a typed
 * code (the sub-key, then the master key for codes made before sub-keys).
 */
export function recoveryCodePeppers(): { current: Buffer; accepted: Buffer[] } {
  const current = accountSubkey("recoveryCodePepper");
  return { current, accepted: [current, config().ACCOUNT_SECRETS_KEY] };
}
