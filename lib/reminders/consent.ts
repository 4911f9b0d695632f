import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/http/errors";
import { clientActor, type PortalClient } from "@/lib/portal/session";

// Consent to reminder emails is the client's: they switch it in the portal, or a clinician
// records the consent the client gave in session. Only the flag, when and by whom is kept here;
// the address stays in the vault and is read only when a reminder is sent.

async function setConsent(clientId: string, optedIn: boolean, byMembershipId: string | null, audit: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: clientId }, data: optedIn ? { remindersOptedInAt: new Date(), remindersOptInById: byMembershipId } : { remindersOptedInAt: null, remindersOptInById: null } });
    await audit(tx);
  });
}

/** The client turns reminders on or off in the portal. */
export async function setOwnReminderConsent(portal: PortalClient, optedIn: boolean, context: AuditContext) {
  await setConsent(portal.clientId, optedIn, null, (tx) =>
    recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: optedIn ? "reminder.opted_in" : "reminder.opted_out", target: { type: "client", id: portal.code }, outcome: "SUCCESS", details: { client: portal.code, via: "portal" }, context }),
  );
}

/** An assigned clinician records the client's consent given in session (or its withdrawal). */
export async function recordReminderConsent(actor: Actor, access: ClientAccess, optedIn: boolean, context: AuditContext) {
  if (!access.canReadNotes) throw notFound("That client");
  const code = access.client.code;
  await setConsent(access.client.id, optedIn, actor.membershipId, (tx) =>
    recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: optedIn ? "reminder.opted_in" : "reminder.opted_out", target: { type: "client", id: code }, outcome: "SUCCESS", details: { client: code, via: "in_session" }, context }),
  );
}

export interface ReminderConsent {
  optedInAt: Date | null;
  /** Who recorded it: null when the client chose it in the portal. */
  recordedBy: string | null;
  practiceSends: boolean;
  hoursBefore: number;
}

export async function reminderConsent(clientId: string): Promise<ReminderConsent> {
  const client = await db().client.findUniqueOrThrow({
    where: { id: clientId },
    select: { remindersOptedInAt: true, remindersOptInById: true, practice: { select: { remindersEnabled: true, reminderHoursBefore: true } } },
  });
  const member = client.remindersOptInById
    ? await db().membership.findUnique({ where: { id: client.remindersOptInById }, select: { user: { select: { displayName: true } } } })
    : null;
  return {
    optedInAt: client.remindersOptedInAt,
    recordedBy: client.remindersOptInById ? (member?.user.displayName ?? "a former member") : null,
    practiceSends: client.practice.remindersEnabled,
    hoursBefore: client.practice.reminderHoursBefore,
  };
}
