import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { mayChangePracticeSettings } from "./settings";

// A new practice's first-run checklist. Every step's completion is read from the practice's
// real data, never ticked by hand; the list is gone once every step is done or an owner hides it.

export type SetupStep = { key: "conventions" | "types" | "colleagues" | "clients" | "feed"; label: string; href: string; done: boolean };

export async function setupChecklist(actor: Actor): Promise<SetupStep[] | null> {
  if (!mayChangePracticeSettings(actor)) return null;
  const practiceId = actor.practiceId;
  const [practice, feeTypes, members, invites, clients, feeds] = await Promise.all([
    db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { conventionsConfirmedAt: true, setupChecklistDismissedAt: true } }),
    db().practiceAppointmentType.count({ where: { practiceId, archivedAt: null, feePence: { gt: 0 } } }),
    db().membership.count({ where: { practiceId, removedAt: null } }),
    db().invitation.count({ where: { practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    db().client.count({ where: { practiceId } }),
    db().calendarFeed.count({ where: { membership: { practiceId, removedAt: null } } }),
  ]);
  if (practice.setupChecklistDismissedAt) return null;
  const steps: SetupStep[] = [
    { key: "conventions", label: "Confirm the time zone and currency", href: "/settings/practice#details-heading", done: practice.conventionsConfirmedAt !== null },
    { key: "types", label: "Add appointment types with their fees", href: "/schedule/types", done: feeTypes > 0 },
    { key: "colleagues", label: "Invite colleagues", href: "/members", done: members > 1 || invites > 0 },
    { key: "clients", label: "Import or add your clients", href: "/import", done: clients > 0 },
    { key: "feed", label: "Turn on the calendar feed", href: "/schedule/feed", done: feeds > 0 },
  ];
  return steps.every((s) => s.done) ? null : steps;
}

/** Owners only: hide the checklist for good (a solo practice may never invite anyone). */
export async function hideSetupChecklist(actor: Actor, context: AuditContext) {
  if (!mayChangePracticeSettings(actor)) throw forbidden();
  await db().$transaction(async (tx) => {
    const { count } = await tx.practice.updateMany({ where: { id: actor.practiceId, setupChecklistDismissedAt: null }, data: { setupChecklistDismissedAt: new Date() } });
    if (count) await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "practice.checklist.hidden", target: { type: "practice", id: actor.practiceId }, outcome: "SUCCESS", details: {}, context });
  });
}
