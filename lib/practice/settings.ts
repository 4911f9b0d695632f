import { memberActor } from "@/lib/audit/actor";
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
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

export const reminderSettingsSchema = z.object({
  remindersEnabled: z.boolean(),
  reminderHoursBefore: z.coerce
    .number({ message: "Enter a number of hours." })
    .int("Enter whole hours.")
    .min(1, "Send reminders between 1 and 168 hours (a week) before.")
    .max(168, "Send reminders between 1 and 168 hours (a week) before."),
});

/** Whether this member changes the practice's settings (lock time, second factor, reveal policy, reminders): owners only. */
export const mayChangePracticeSettings = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

export async function getPracticeSettings(actor: Actor) {
  return db().practice.findUniqueOrThrow({
    where: { id: actor.practiceId },
    select: { idleTimeoutMinutes: true, requireTwoFactor: true, twoFactorRelaxedReason: true, managersMayRevealContact: true, remindersEnabled: true, reminderHoursBefore: true },
  });
}

type AuditedSettings = { idleTimeoutMinutes: number; requireTwoFactor: boolean; managersMayRevealContact: boolean; remindersEnabled: boolean; reminderHoursBefore: number };

/** The one way a practice setting changes: owners only, and the change audited with before/after. */
async function changeSetting<K extends keyof AuditedSettings>(
  actor: Actor,
  setting: K,
  to: AuditedSettings[K],
  extra: Prisma.PracticeUpdateInput,
  context: AuditContext,
) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  await db().$transaction(async (tx) => {
    const before: AuditedSettings = await tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId } });
    await tx.practice.update({ where: { id: actor.practiceId }, data: { ...extra, [setting]: to } });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "practice.settings.changed",
      target: { type: "practice", id: actor.practiceId },
      outcome: "SUCCESS",
      details: { setting, from: before[setting], to },
      context,
    });
  });
}

/**
 * Owners only: whether every member must have a second factor. Relaxing it needs a recorded
 * reason (kept on the practice; the audit event records the change, not the free text).
 */
export async function setTwoFactorPolicy(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  const { requireTwoFactor, reason } = twoFactorPolicySchema.parse(input);
  await changeSetting(actor, "requireTwoFactor", requireTwoFactor, { twoFactorRelaxedReason: requireTwoFactor ? null : reason }, context);
}

/** Owners only: how long a member may be idle before their screen locks. */
export async function setIdleTimeout(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  const { idleTimeoutMinutes } = idleTimeoutSchema.parse(input);
  await changeSetting(actor, "idleTimeoutMinutes", idleTimeoutMinutes, {}, context);
}

/** Owners only: whether practice managers may reveal clients' contact details (for scheduling). */
export async function setManagersMayRevealContact(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  const { allowed } = z.object({ allowed: z.boolean() }).parse(input);
  await changeSetting(actor, "managersMayRevealContact", allowed, {}, context);
}

/** Owners only: whether the practice emails appointment reminders, and how many hours before. */
export async function setReminderSettings(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  const wanted = reminderSettingsSchema.parse(input);
  const current = await getPracticeSettings(actor);
  for (const setting of ["remindersEnabled", "reminderHoursBefore"] as const) {
    if (current[setting] !== wanted[setting]) await changeSetting(actor, setting, wanted[setting], {}, context);
  }
}
