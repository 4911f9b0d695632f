import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { currencySchema, localeSchema } from "./locale";
import { mayChangePracticeSettings } from "./settings";
import { isTimeZone } from "./time-zones";

// The practice's name and conventions (time zone, currency, locale): owners only, each change
// audited with before and after as codes. The name is audited as "renamed" without the names,
// which may be a person's.

export const practiceDetailsSchema = z.object({
  name: z.string().trim().min(2, "Enter the practice's name (at least 2 characters).").max(100, "Use at most 100 characters."),
  timeZone: z.string().trim().max(64).refine(isTimeZone, "Choose a time zone from the list."),
  currency: currencySchema,
  locale: localeSchema,
});
export type PracticeDetails = z.infer<typeof practiceDetailsSchema>;

export async function getPracticeDetails(actor: Actor) {
  return db().practice.findUniqueOrThrow({
    where: { id: actor.practiceId },
    select: { name: true, timeZone: true, currency: true, locale: true, conventionsConfirmedAt: true },
  });
}

/** Saves name, time zone, currency and locale together; saving also confirms the conventions (first-run checklist). */
export async function setPracticeDetails(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  const wanted = practiceDetailsSchema.parse(input);
  const base = { practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "practice", id: actor.practiceId }, outcome: "SUCCESS" as const, context };
  return db().$transaction(async (tx) => {
    // Lock the row: two owners saving at once are recorded in the order they were applied.
    const [before] = await tx.$queryRaw<{ name: string; timeZone: string; currency: string; locale: string; conventionsConfirmedAt: Date | null }[]>`
      SELECT name, "timeZone", currency, locale, "conventionsConfirmedAt" FROM practice WHERE id = ${actor.practiceId}::uuid FOR UPDATE`;
    if (!before) throw forbidden();
    await tx.practice.update({ where: { id: actor.practiceId }, data: { ...wanted, conventionsConfirmedAt: before.conventionsConfirmedAt ?? new Date() } });
    if (before.name !== wanted.name) await recordAudit(tx, { ...base, action: "practice.renamed", details: {} });
    for (const setting of ["timeZone", "currency", "locale"] as const) {
      if (before[setting] !== wanted[setting]) {
        await recordAudit(tx, { ...base, action: "practice.conventions.changed", details: { setting, from: before[setting], to: wanted[setting] } });
      }
    }
    if (!before.conventionsConfirmedAt) await recordAudit(tx, { ...base, action: "practice.conventions.confirmed", details: {} });
    return { changed: (["name", "timeZone", "currency", "locale"] as const).filter((k) => before[k] !== wanted[k]) };
  });
}

/** How this practice writes money and dates, and its clock: for pages that show fees or days. */
export async function practiceConventions(practiceId: string) {
  return db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { currency: true, locale: true, timeZone: true } });
}
