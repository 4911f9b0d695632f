import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { openWith, sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { clientActor, type PortalClient } from "@/lib/portal/session";
import { readFormIdentityAnswers, storeFormIdentityAnswers } from "@/lib/vault/form-answers";
import { readIdentity } from "@/lib/vault/read-identity";
import { identitySchema } from "@/lib/vault/schema";
import { storeIdentity } from "@/lib/vault/store-identity";
import { answerHome, checkAnswer, FORM_LIMITS, pageCount, pageFields, statementHash, storedFields, submitProblem, type FormField } from "./schema";
import { statusOf } from "./send";

// The client's side, in the portal: their sent forms, one page of questions at a time, saved on
// each "Save and continue" (so they can leave and come back), then sent to the practice once.
// Identity answers and typed signatures go to the vault; clinical answers are sealed under the
// client's notes data key (erasure destroys it); consents are rows with the version and time.

export const answersAad = (clientFormId: string) => `client-form:${clientFormId}`;

export async function listOwnForms(portal: PortalClient) {
  const rows = await db().clientForm.findMany({ where: { clientId: portal.clientId }, orderBy: { sentAt: "asc" }, include: { version: { select: { title: true } } } });
  return rows.map((r) => ({ id: r.id, title: r.version.title, sentAt: r.sentAt, submittedAt: r.submittedAt, status: statusOf(r) }));
}

async function ownForm(portal: PortalClient, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("That form");
  const row = await db().clientForm.findFirst({ where: { id, clientId: portal.clientId, practiceId: portal.practiceId }, include: { version: true, consents: true } });
  if (!row) throw notFound("That form");
  return { row, fields: storedFields(row.version.fields) };
}

async function clinicalAnswers(clientId: string, row: { id: string; answersEnc: Uint8Array | null }): Promise<Record<string, string>> {
  if (!row.answersEnc) return {};
  return JSON.parse(openWith(await notesDataKey(clientId), row.answersEnc, answersAad(row.id))) as Record<string, string>;
}

/** A sent form with the client's answers so far, to show and continue (their own answers: not a member's read). */
export async function openOwnForm(portal: PortalClient, id: string) {
  const { row, fields } = await ownForm(portal, id);
  const [clinical, identity] = await Promise.all([clinicalAnswers(portal.clientId, row), readFormIdentityAnswers(portal.practiceId, row.id)]);
  const answers = { ...clinical, ...identity };
  const consents = Object.fromEntries(row.consents.map((c) => [c.fieldId, c.agreed]));
  // Where to carry on: the first page with an unanswered question, or the last page.
  const pages = pageCount(fields);
  const resumeAt = Math.max(0, fields.findIndex((f) => !answers[f.id]));
  const resumePage = fields.every((f) => answers[f.id]) ? pages - 1 : Math.floor(resumeAt / FORM_LIMITS.perPage);
  return { id: row.id, title: row.version.title, fields, pages, answers, consents, resumePage, submittedAt: row.submittedAt };
}

const pageSchema = z.coerce.number().int().min(0).max(FORM_LIMITS.fields);

/**
 * Saves one page: each answer checked for its question, identity answers and typed names to the
 * vault, the rest sealed in the record, consents recorded with this version and the time.
 * Returns the next page, or null after the last one.
 */
export async function saveFormPage(portal: PortalClient, id: string, rawPage: unknown, posted: Record<string, string>, context: AuditContext): Promise<number | null> {
  const page = pageSchema.parse(rawPage);
  const { row, fields } = await ownForm(portal, id);
  if (row.submittedAt) throw new AppError("already_sent", "You have already sent this form to the practice, so it cannot be changed here. Tell your therapist if something is wrong.", 409);
  const onPage = pageFields(fields, page);
  if (onPage.length === 0) throw notFound("That page");
  const checked = onPage.map((field) => ({ field, result: checkAnswer(field, String(posted[field.id] ?? "")) }));
  const bad = checked.find((c) => !c.result.ok);
  if (bad && !bad.result.ok) throw new AppError("invalid_answer", `${questionName(fields, bad.field)}: ${bad.result.problem}`, 400);
  for (const field of onPage) {
    if (field.kind === "consent" && posted[`${field.id}__agree`] === "on" && !String(posted[field.id] ?? "").trim()) throw new AppError("invalid_answer", `${questionName(fields, field)}: type your full name to sign.`, 400);
  }

  const now = new Date();
  const key = await notesDataKey(portal.clientId);
  // Two saves of one form at once (two tabs) take turns on its row, so neither page's answers
  // are lost: each merges into what the other saved.
  await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ answersEnc: Uint8Array | null }[]>`SELECT "answersEnc" FROM client_form WHERE id = ${row.id}::uuid AND "clientId" = ${portal.clientId}::uuid AND "submittedAt" IS NULL FOR UPDATE`;
    if (locked.length !== 1) throw new AppError("already_sent", "You have already sent this form to the practice.", 409);
    const [clinical, identity] = await Promise.all([clinicalAnswers(portal.clientId, { id: row.id, answersEnc: locked[0]!.answersEnc }), readFormIdentityAnswers(portal.practiceId, row.id)]);
    for (const { field, result } of checked) {
      const store = answerHome(field) === "vault" ? identity : clinical;
      if (result.ok && result.value) store[field.id] = result.value;
      else delete store[field.id];
    }
    // The vault (its own database) is written while the row is held; a failure there leaves the record as it was.
    await storeFormIdentityAnswers(row.id, { id: portal.clientId, practiceId: portal.practiceId }, identity);
    await tx.clientForm.update({ where: { id: row.id }, data: { savedAt: now, answersEnc: new Uint8Array(sealWith(key, JSON.stringify(clinical), answersAad(row.id))) } });
    for (const field of onPage.filter((f) => f.kind === "consent")) {
      const agreed = posted[`${field.id}__agree`] === "on";
      const data = { statementHash: new Uint8Array(statementHash(field.statement)), agreed, recordedAt: now, formVersionId: row.formVersionId };
      await tx.formConsent.upsert({ where: { clientFormId_fieldId: { clientFormId: row.id, fieldId: field.id } }, create: { ...data, practiceId: portal.practiceId, clientFormId: row.id, fieldId: field.id }, update: data });
    }
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "form.answers_saved", target: { type: "client", id: portal.code }, outcome: "SUCCESS", details: { client: portal.code, form: row.formId, answered: checked.filter((c) => c.result.ok && c.result.value).length }, context });
  });
  return page + 1 < pageCount(fields) ? page + 1 : null;
}

const questionName = (fields: FormField[], field: FormField) => `Question ${fields.indexOf(field) + 1}`;

/**
 * Sends the form to the practice, once: required answers and consents must be there. The
 * identity answers then update the client's identity in the vault (their own details).
 */
export async function submitOwnForm(portal: PortalClient, id: string, context: AuditContext) {
  const { row } = await ownForm(portal, id);
  const form = await db().$transaction(async (tx) => {
    // The same row lock as a save: the answers checked are the answers sent.
    const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM client_form WHERE id = ${row.id}::uuid AND "clientId" = ${portal.clientId}::uuid AND "submittedAt" IS NULL FOR UPDATE`;
    if (locked.length !== 1) throw new AppError("already_sent", "You have already sent this form to the practice.", 409);
    const current = await openOwnForm(portal, id);
    const problem = submitProblem(current.fields, current.answers, current.consents);
    if (problem) throw new AppError("incomplete", problem, 400);
    await tx.clientForm.update({ where: { id: row.id }, data: { submittedAt: new Date() } });
    const identityCount = current.fields.filter((f) => f.identity && current.answers[f.id]).length;
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "form.submitted", target: { type: "client", id: portal.code }, outcome: "SUCCESS", details: { client: portal.code, form: row.formId, consents: Object.keys(current.consents).length, identityFields: identityCount }, context });
    return current;
  });
  const identityFields = form.fields.filter((f) => f.identity && form.answers[f.id]);
  if (identityFields.length > 0) await updateIdentityFromForm(portal, identityFields, form.answers, context);
}

async function updateIdentityFromForm(portal: PortalClient, fields: FormField[], answers: Record<string, string>, context: AuditContext) {
  const client = { id: portal.clientId, practiceId: portal.practiceId };
  const current = await readIdentity(client);
  const merged = { ...current, ...Object.fromEntries(fields.map((f) => [f.identity!, answers[f.id]])) };
  const parsed = identitySchema.safeParse(merged);
  // Without a full name (none recorded, none asked) there is no identity record to update; the
  // answers stay with the form in the vault.
  if (!parsed.success) return;
  await storeIdentity(client, parsed.data);
  await recordAudit(db(), { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "identity.recorded", target: { type: "client", id: portal.code }, outcome: "SUCCESS", details: { fields: fields.length }, context });
}
