import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { assertAnotherOwnerRemains, requireOwner } from "./owner-guards";
import { roleSchema } from "./schema";

/** Owners change roles; the member's sessions end, so their next sign-in carries the new role. */
export async function changeMemberRole(actor: Actor, membershipId: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const role = roleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null } });
    if (!member) throw notFound("That member");
    if (member.role === role) return;
    if (member.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.practiceId, member.id);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    const { count } = await tx.session.updateMany({ where: { membershipId: member.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.role_changed", target: { type: "membership", id: member.id }, outcome: "SUCCESS", details: { from: member.role, to: role, sessionsEnded: count }, context });
  });
}
