import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";
import { CHALLENGE_TTL_MS } from "./relying-party";

type Purpose = "REGISTRATION" | "AUTHENTICATION";

/** A fresh random challenge, stored so it can be used once within CHALLENGE_TTL_MS. */
export async function issueChallenge(purpose: Purpose, userId: string | null, now = Date.now()): Promise<string> {
  const challenge = randomBytes(32).toString("base64url");
  // Anyone may ask for a sign-in challenge, so expired ones are swept as new ones are made.
  await db().webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db().webAuthnChallenge.create({
    data: { challenge, purpose, userId, expiresAt: new Date(now + CHALLENGE_TTL_MS) },
  });
  return challenge;
}

/**
 * Takes a challenge out of the store: true only the first time, before it expires, for the
 * purpose (and user, when it was bound to one) it was issued for. It is deleted before the
 * response is verified, so a response can never be replayed, even a failed one.
 */
export async function consumeChallenge(
  challenge: string | null,
  purpose: Purpose,
  userId: string | null,
  now = Date.now(),
): Promise<boolean> {
  if (!challenge) return false;
  // One atomic statement: of two racing requests, only one gets the row back.
  const [row] = await db().$queryRaw<{ purpose: string; userId: string | null; expiresAt: Date }[]>`
    DELETE FROM webauthn_challenge WHERE challenge = ${challenge}
    RETURNING purpose::text AS purpose, "userId"::text AS "userId", "expiresAt"`;
  return Boolean(row && row.purpose === purpose && row.userId === userId && row.expiresAt.getTime() > now);
}

/** Counts a challenge handed to this IP; past the limit, refuses (an unauthenticated write). */
export async function limitChallenges(ip: string | null) {
  const count = await hitLimit(db(), LIMITS.webauthnChallengeIp, limitKey(LIMITS.webauthnChallengeIp, ip ?? "unknown"));
  if (count > LIMITS.webauthnChallengeIp.max) {
    throw new AppError("locked", "Too many passkey requests from your network. Please wait 15 minutes and try again.", 429);
  }
}
