import { config } from "@/lib/config";

/** How long a challenge handed to a browser stays usable. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** Who we are to authenticators: the RP ID and origin follow APP_URL, so passkeys stay bound to it. */
export function relyingParty() {
  const url = new URL(config().APP_URL);
  return { name: "Confide", id: url.hostname, origin: url.origin };
}

/** What every answer from an authenticator must match: our challenge, origin and RP ID, with user verification. */
export function expectedFor(challenge: string) {
  const rp = relyingParty();
  return { expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true };
}

/**
 * The user handle authenticators store with a passkey: our user id (a random UUID, no
 * personal data). A discoverable sign-in hands it back, and it must name the passkey's owner.
 */
export const userHandleFor = (userId: string) => new Uint8Array(Buffer.from(userId, "utf8"));
export const userIdFromHandle = (handle: string) => Buffer.from(handle, "base64url").toString("utf8");
