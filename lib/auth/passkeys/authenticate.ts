import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { consumeChallenge, issueChallenge, limitChallenges } from "./challenges";
import { signCounterAdvances } from "./counter";
import { CHALLENGE_TTL_MS, expectedFor, relyingParty, userIdFromHandle } from "./relying-party";
import { authenticationResponseSchema, challengeOf } from "./schema";

/**
 * Options for the browser to sign a fresh challenge with a passkey. With no user (signing in
 * with a passkey alone) the browser offers whichever discoverable passkeys it holds for us;
 * with a user (the second step after a password) only that user's passkeys, and the
 * challenge is bound to them.
 */
export async function startPasskeyAuthentication(userId: string | null, context: AuditContext) {
  await limitChallenges(context.ip);
  const challenge = await issueChallenge("AUTHENTICATION", userId);
  const allowCredentials = userId
    ? (await db().passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } })).map((p) => ({
        id: p.credentialId,
        transports: p.transports,
      }))
    : undefined;
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
    allowCredentials,
  });
}

export type AssertionFailure =
  | "invalid_input" // not a WebAuthn answer at all
  | "challenge_invalid" // unknown, expired, already used, or issued to someone else
  | "unknown_passkey" // no such credential (never registered, or removed)
  | "wrong_user" // the credential belongs to someone other than the challenge or user handle says
  | "not_verified" // signature, origin, RP ID or user verification did not check out
  | "counter_replayed"; // the signature counter did not advance: a cloned authenticator or a replay

export type AssertionResult =
  | { ok: true; passkeyId: string; userId: string }
  | { ok: false; reason: AssertionFailure; passkeyId: string | null; userId: string | null };

/**
 * Checks a browser's passkey answer: the challenge is taken (single use) before anything else,
 * the credential must be registered and belong to `expectedUserId` (when given) and to the
 * user handle the authenticator returned, the signature must verify with user verification,
 * and the signature counter must advance. On success the counter and last use are saved.
 */
export async function verifyPasskeyAssertion(input: unknown, expectedUserId: string | null): Promise<AssertionResult> {
  const parsed = authenticationResponseSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_input", passkeyId: null, userId: null };
  const response = parsed.data;
  const challenge = challengeOf(response.response.clientDataJSON);
  const fresh = await consumeChallenge(challenge, "AUTHENTICATION", expectedUserId);
  const passkey = await db().passkey.findUnique({ where: { credentialId: response.id } });
  const fail = (reason: AssertionFailure): AssertionResult => ({ ok: false, reason, passkeyId: passkey?.id ?? null, userId: passkey?.userId ?? null });
  if (!fresh) return fail("challenge_invalid");
  if (!passkey) return fail("unknown_passkey");
  const handle = response.response.userHandle;
  if ((expectedUserId && passkey.userId !== expectedUserId) || (handle && userIdFromHandle(handle) !== passkey.userId)) {
    return fail("wrong_user");
  }

  const verification = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    ...expectedFor(challenge!),
    // The counter rule is ours (signCounterAdvances, below): checked after the signature, so a
    // forged answer is reported as forged, and saved atomically against the value we read.
    credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: 0, transports: passkey.transports },
  }).catch(() => null);
  if (!verification?.verified || !verification.authenticationInfo.userVerified) return fail("not_verified");

  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  if (!signCounterAdvances(passkey.counter, newCounter)) return fail("counter_replayed");
  // Compare-and-set: of two answers racing with the same counter, only one wins.
  const { count } = await db().passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(newCounter), backedUp: credentialBackedUp, lastUsedAt: new Date() },
  });
  if (count === 0) return fail("counter_replayed");
  return { ok: true, passkeyId: passkey.id, userId: passkey.userId };
}
