import "server-only";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { Actor } from "../actor";
import { notifyFactorChange } from "../factor-changes";
import { renamePasskeySchema } from "./schema";

/** The actor's own passkeys, oldest first. */
export async function listOwnPasskeys(actor: Actor) {
  return db().passkey.findMany({
    where: { userId: actor.userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Renames one of the actor's passkeys; someone else's passkey is simply not found. */
export async function renameOwnPasskey(actor: Actor, passkeyId: string, input: unknown, context: AuditContext) {
  const { name } = renamePasskeySchema.parse(input);
  await db().$transaction(async (tx) => {
    const { count } = await tx.passkey.updateMany({ where: { id: passkeyId, userId: actor.userId }, data: { name } });
    if (count === 0) throw notFound("That passkey");
    // The new name is the member's own words: it stays on the passkey, not in the trail.
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "auth.passkey.renamed", target: { type: "passkey", id: passkeyId }, outcome: "SUCCESS", context });
  });
}

/**
 * Removes one of the actor's passkeys: it can no longer sign in. If it was the member's only
 * second factor and the practice requires one, they are taken to enrolment on their next page.
 */
export async function removeOwnPasskey(actor: Actor, passkeyId: string, context: AuditContext) {
  // Removing a passkey needs a fresh re-authentication (issue 4, item 8).
  assertSteppedUp(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: actor.userId } });
    if (count === 0) throw notFound("That passkey");
    const left = await tx.passkey.count({ where: { userId: actor.userId } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "auth.passkey.removed", target: { type: "passkey", id: passkeyId }, outcome: "SUCCESS", details: { passkeysLeft: left }, context });
  });
  await notifyFactorChange(actor.userId, "passkey_removed", context);
}
