import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";

export const idleTimeoutSchema = z.object({
  idleTimeoutMinutes: z.coerce
    .number({ message: "Enter a number of minutes." })
    .int("Enter whole minutes.")
    .min(5, "The screen must lock after at most 60 and at least 5 minutes.")
    .max(60, "The screen must lock after at most 60 and at least 5 minutes."),
});

export const twoFactorPolicySchema = z
  .object({
    requireTwoFactor: z.boolean(),
    reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
  })
  .refine((v) => v.requireTwoFactor || (v.reason ?? "").length >= 10, {
    path: ["reason"],
    message: "Say why the practice can do without a second factor (at least 10 characters). It is kept on record.",
  });

export async function getPracticeSettings(actor: Actor) {
  return db().practice.findUniqueOrThrow({
    where: { id: actor.practiceId },
    select: { idleTimeoutMinutes: true, requireTwoFactor: true, twoFactorRelaxedReason: true },
  });
}

/**
 * Owners only: whether every member must have a second factor. Relaxing it needs a recorded
 * reason (kept on the practice; the audit event records the change, not the free text).
 */
export async function setTwoFactorPolicy(actor: Actor, input: unknown, context: AuditContext) {
  if (actor.role !== "OWNER") throw forbidden();
  const { requireTwoFactor, reason } = twoFactorPolicySchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { requireTwoFactor: true } });
    await tx.practice.update({
      where: { id: actor.practiceId },
      data: { requireTwoFactor, twoFactorRelaxedReason: requireTwoFactor ? null : reason },
    });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: { type: "USER", id: actor.userId, role: actor.role },
      action: "practice.settings.changed",
      target: { type: "practice", id: actor.practiceId },
      outcome: "SUCCESS",
      details: { setting: "requireTwoFactor", from: before.requireTwoFactor, to: requireTwoFactor },
      context,
    });
  });
}

/** Owners only: how long a member may be idle before their screen locks. */
export async function setIdleTimeout(actor: Actor, input: unknown, context: AuditContext) {
  if (actor.role !== "OWNER") throw forbidden();
  const { idleTimeoutMinutes } = idleTimeoutSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { idleTimeoutMinutes: true } });
    await tx.practice.update({ where: { id: actor.practiceId }, data: { idleTimeoutMinutes } });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: { type: "USER", id: actor.userId, role: actor.role },
      action: "practice.settings.changed",
      target: { type: "practice", id: actor.practiceId },
      outcome: "SUCCESS",
      details: { setting: "idleTimeoutMinutes", from: before.idleTimeoutMinutes, to: idleTimeoutMinutes },
      context,
    });
  });
}
