import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import type { Actor } from "../actor";
import { notifyFactorChange } from "../factor-changes";
import { assertSteppedUp } from "../step-up-check";
import { consumeChallenge, issueChallenge } from "./challenges";
import { CHALLENGE_TTL_MS, expectedFor, relyingParty, userHandleFor } from "./relying-party";
import { challengeOf, registerPasskeySchema } from "./schema";

/**
 * Options for the browser to create a new passkey for the actor (a discoverable one, with user
 * verification). A passkey signs in alone, so adding one needs a fresh step-up, like removing
 * one; completing sign-in counts, so enrolment straight after signing in needs nothing more.
 */
export async function startPasskeyRegistration(actor: Actor) {
  assertSteppedUp(actor);
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, email: true, displayName: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  const rp = relyingParty();
  const challenge = await issueChallenge("REGISTRATION", user.id);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    // Shown by the authenticator's account picker; never stored by us beyond the user row.
    userName: user.email,
    userDisplayName: user.displayName,
    userID: userHandleFor(user.id),
    challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    // The same authenticator cannot be added twice.
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
}

const notVerified = () =>
  new AppError("passkey_not_verified", "Your device's answer could not be checked, so the passkey was not added. Please try again.", 400);

/**
 * Checks the browser's answer to our registration challenge and stores the new passkey.
 * Holding a user-verified passkey is a second factor, so it also counts for this session.
 */
export async function registerPasskey(actor: Actor, input: unknown, context: AuditContext) {
  // Checked again here: the step-up may have lapsed since the options were issued.
  assertSteppedUp(actor);
  const { name, response } = registerPasskeySchema.parse(input);
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!(await consumeChallenge(challenge, "REGISTRATION", actor.userId))) {
    throw new AppError("challenge_expired", "That took too long or was already used. Please try adding the passkey again.", 400);
  }
  const verification = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON,
    ...expectedFor(challenge!),
    requireUserPresence: true,
  }).catch(() => null);
  if (!verification?.verified) throw notVerified();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;

  let added: { id: string };
  try {
    added = await db().$transaction(async (tx) => {
      const passkey = await tx.passkey.create({
        data: {
          userId: actor.userId,
          credentialId: credential.id,
          publicKey: new Uint8Array(credential.publicKey),
          counter: BigInt(credential.counter),
          transports: credential.transports ?? response.response.transports ?? [],
          deviceType: credentialDeviceType,
          backedUp: credentialBackedUp,
          name,
        },
        select: { id: true },
      });
      await tx.session.updateMany({ where: { id: actor.sessionId, mfaVerifiedAt: null }, data: { mfaVerifiedAt: new Date() } });
      await recordAudit(tx, {
        practiceId: actor.practiceId,
        actor: memberActor(actor),
        action: "auth.passkey.registered",
        target: { type: "passkey", id: passkey.id },
        outcome: "SUCCESS",
        details: { deviceType: credentialDeviceType, backedUp: credentialBackedUp, passkeys: await tx.passkey.count({ where: { userId: actor.userId } }) },
        context,
      });
      return passkey;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("passkey_exists", "This passkey is already registered with Confide.", 409);
    }
    throw error;
  }
  await notifyFactorChange(actor.userId, "passkey_added", context);
  return added;
}
