import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { requireOwner } from "./owner-guards";

/** Withdraws an open invitation of this practice; its link stops working. */
export async function revokeInvitation(actor: Actor, invitationId: string, context: AuditContext) {
  requireOwner(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, practiceId: actor.practiceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("That invitation");
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.invitation_revoked", target: { type: "invitation", id: invitationId }, outcome: "SUCCESS", context });
  });
}
