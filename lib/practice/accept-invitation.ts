import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { MemberRole } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { lockAccount } from "./lock-account";
import { openInvitation } from "./open-invitation";
import { acceptNewAccountSchema } from "./schema";

async function join(tx: Prisma.TransactionClient, invitation: { id: string; practiceId: string; role: MemberRole }, userId: string, context: AuditContext) {
  await lockAccount(tx, userId);
  const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
  if (count === 0) throw new AppError("invitation_invalid", "This invitation has already been used.", 410);
  const membership = await tx.membership.upsert({
    where: { practiceId_userId: { practiceId: invitation.practiceId, userId } },
    create: { practiceId: invitation.practiceId, userId, role: invitation.role },
    update: { role: invitation.role, removedAt: null },
  });
  await recordAudit(tx, { practiceId: invitation.practiceId, actor: { type: "USER", id: userId, role: invitation.role }, action: "member.joined", target: { type: "membership", id: membership.id }, outcome: "SUCCESS", details: { role: invitation.role }, context });
  return membership;
}

/** Accepts with a new account (name and password), or with the password of the existing one. */
export async function acceptInvitation(token: string, input: Record<string, unknown>, context: AuditContext) {
  const { invitation, hasAccount } = await openInvitation(token, context);
  const prisma = db();
  if (hasAccount) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: invitation.email } });
    const password = z.string().max(256).parse(input.password ?? "");
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new AppError("wrong_password", "That password is not right for this account.", 400);
    }
    return prisma.$transaction((tx) => join(tx, invitation, user.id, context).then((m) => ({ userId: user.id, membershipId: m.id })));
  }
  const { displayName, password } = acceptNewAccountSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: invitation.email, displayName, passwordHash } });
    const membership = await join(tx, invitation, user.id, context);
    return { userId: user.id, membershipId: membership.id };
  });
}
