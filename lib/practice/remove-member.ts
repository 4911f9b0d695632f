import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { assertAnotherOwnerRemains, requireOwner } from "./owner-guards";

/** Owners remove members; every session of theirs in this practice ends at once. */
export async function removeMember(actor: Actor, membershipId: string, context: AuditContext) {
  requireOwner(actor);
  await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null } });
    if (!member) throw notFound("That member");
    if (member.id === actor.membershipId) throw new AppError("remove_self", "You cannot remove yourself. Another owner can, or you can hand the practice over first.", 409);
    if (member.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.practiceId, member.id);
    await tx.membership.update({ where: { id: member.id }, data: { removedAt: new Date() } });
    const { count } = await tx.session.updateMany({ where: { membershipId: member.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.removed", target: { type: "membership", id: member.id }, outcome: "SUCCESS", details: { role: member.role, sessionsEnded: count }, context });
  });
}
