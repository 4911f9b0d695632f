import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientFor, type ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";

// Sending a published form to a client: the owner or an assigned clinician, once per form. The
// client sees it in the portal until they send it back; the client page shows where it stands.

export type SentFormStatus = "sent" | "started" | "completed";
export const SENT_STATUS: Record<SentFormStatus, string> = { sent: "Waiting for the client", started: "Started, not sent yet", completed: "Completed" };

const sendSchema = z.object({ formId: z.uuid({ message: "Choose a form to send." }) });

export async function sendForm(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!access.canManage || actor.role === "MANAGER") throw new AppError("not_permitted", "Only the owner or a clinician assigned to this client can send forms.", 403);
  const { formId } = sendSchema.parse(input);
  const version = await db().practiceFormVersion.findFirst({
    where: { formId, practiceId: actor.practiceId, publishedAt: { not: null }, form: { archivedAt: null } },
    orderBy: { number: "desc" },
  });
  if (!version) throw notFound("That form");
  try {
    await db().$transaction(async (tx) => {
      await tx.clientForm.create({ data: { practiceId: actor.practiceId, clientId: access.client.id, formId, formVersionId: version.id, sentById: actor.membershipId } });
      await recordAudit(tx, { ...memberEvent(actor, context), action: "form.sent", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, form: formId, version: version.number } });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("already_sent", "This form was already sent to this client. Each form is sent once.", 409);
    throw error;
  }
}

/** The published forms a member may send (titles of the newest published versions). */
export async function sendableForms(actor: Actor) {
  const versions = await db().practiceFormVersion.findMany({
    where: { practiceId: actor.practiceId, publishedAt: { not: null }, form: { archivedAt: null } },
    orderBy: [{ formId: "asc" }, { number: "desc" }],
    distinct: ["formId"],
    select: { formId: true, title: true, number: true },
  });
  return versions.sort((a, b) => a.title.localeCompare(b.title));
}

export const statusOf = (f: { savedAt: Date | null; submittedAt: Date | null }): SentFormStatus => (f.submittedAt ? "completed" : f.savedAt ? "started" : "sent");

/** The forms sent to a client and where each stands (no answers): for those who see the record's activity. */
export async function listSentForms(access: ClientAccess) {
  if (!access.canSeeNoteList) return [];
  const rows = await db().clientForm.findMany({
    where: { clientId: access.client.id, practiceId: access.client.practiceId },
    orderBy: { sentAt: "asc" },
    include: { version: { select: { title: true, number: true } } },
  });
  return rows.map((r) => ({ id: r.id, formId: r.formId, title: r.version.title, version: r.version.number, sentAt: r.sentAt, submittedAt: r.submittedAt, status: statusOf(r) }));
}
