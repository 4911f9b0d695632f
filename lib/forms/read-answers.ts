import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { findClientFor } from "@/lib/clients/access";
import { REVEAL_REASONS, REVEAL_SECONDS, requireRevealScope, type RevealReason } from "@/lib/clients/reveal";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { readFormIdentityAnswers } from "@/lib/vault/form-answers";
import { answersAad } from "./portal-forms";
import { answerHome, storedFields } from "./schema";
import { statusOf } from "./send";

// A clinician reads a client's answers: clinical answers to those who read the client's notes
// (audited), identity answers and typed signatures only through a reveal with a reason, like
// the client's identity (audited, stepped up, shown for a short time).

async function sentFormFor(actor: Actor, code: string, id: string, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!access.canReadNotes || !z.uuid().safeParse(id).success) throw notFound("That form");
  const row = await db().clientForm.findFirst({ where: { id, clientId: access.client.id, practiceId: actor.practiceId }, include: { version: true, consents: true } });
  if (!row) throw notFound("That form");
  return { access, row, fields: storedFields(row.version.fields) };
}

/** The form with its clinical answers and consent records; identity answers are only marked as answered. */
export async function readClientForm(actor: Actor, code: string, id: string, context: AuditContext) {
  const { access, row, fields } = await sentFormFor(actor, code, id, context);
  const clinical = row.answersEnc ? (JSON.parse(openWith(await notesDataKey(access.client.id), row.answersEnc, answersAad(row.id))) as Record<string, string>) : {};
  await recordAudit(db(), { ...memberEvent(actor, context), action: "form.answers_read", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, form: row.formId } });
  const consents = new Map(row.consents.map((c) => [c.fieldId, c]));
  return {
    client: access.client,
    title: row.version.title,
    version: row.version.number,
    status: statusOf(row),
    sentAt: row.sentAt,
    submittedAt: row.submittedAt,
    questions: fields.map((f) => ({
      id: f.id,
      label: f.label,
      kind: f.kind,
      identity: f.identity,
      home: answerHome(f),
      statement: f.statement,
      answer: answerHome(f) === "clinical" ? (clinical[f.id] ?? null) : null,
      consent: consents.has(f.id) ? { agreed: consents.get(f.id)!.agreed, at: consents.get(f.id)!.recordedAt, statementHash: Buffer.from(consents.get(f.id)!.statementHash).toString("hex").slice(0, 16) } : null,
    })),
  };
}

const revealSchema = z.object({ reason: z.enum(Object.keys(REVEAL_REASONS) as [RevealReason, ...RevealReason[]], { message: "Choose a reason for revealing the identity answers." }) });

/** The form's identity answers and typed names, for an assigned clinician with a reason, stepped up. */
export async function revealFormIdentity(actor: Actor, code: string, id: string, input: unknown, context: AuditContext) {
  const { access, row, fields } = await sentFormFor(actor, code, id, context);
  const scope = await requireRevealScope(actor, access, context);
  if (scope !== "full") throw new AppError("reveal_not_permitted", "Only clinicians assigned to this client can see their identity answers.", 403);
  const { reason } = revealSchema.parse(input);
  assertSteppedUp(actor);
  const answers = await readFormIdentityAnswers(actor.practiceId, row.id);
  await recordAudit(db(), { ...memberEvent(actor, context), action: "form.identity_revealed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, form: row.formId, reason } });
  return {
    fields: fields.filter((f) => answerHome(f) === "vault" && answers[f.id]).map((f) => ({ id: f.id, label: f.kind === "consent" ? `Signed as (${f.label})` : f.label, value: answers[f.id]! })),
    expiresAt: new Date(Date.now() + REVEAL_SECONDS * 1000).toISOString(),
  };
}
