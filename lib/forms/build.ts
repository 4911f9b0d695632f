import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { FIELD_KINDS, FORM_LIMITS, fieldSchema, IDENTITY_TARGETS, newFieldId, publishProblem, storedFields, versionContentSchema, versionHash, type FormField } from "./schema";

// The owner's form builder. A form's newest version is its draft while unpublished; editing a
// form whose newest version is published first makes a new draft (a copy), so what clients were
// sent never changes (the database refuses it too). Owners only; every change is audited.

const requireOwner = (actor: Actor) => {
  if (actor.role !== "OWNER") throw forbidden();
};

const titleSchema = z.object({ title: z.string().trim().min(1, "Give the form a title.").max(120, "Keep the title under 120 characters.") });

/** Creates a form with an empty first draft. Returns its id. */
export async function createForm(actor: Actor, input: unknown, context: AuditContext): Promise<string> {
  requireOwner(actor);
  const { title } = titleSchema.parse(input);
  if ((await db().practiceForm.count({ where: { practiceId: actor.practiceId } })) >= 200) throw new AppError("too_many_forms", "This practice has 200 forms. Archive one you no longer use first.", 409);
  return db().$transaction(async (tx) => {
    const form = await tx.practiceForm.create({ data: { practiceId: actor.practiceId, createdById: actor.membershipId } });
    await tx.practiceFormVersion.create({ data: { practiceId: actor.practiceId, formId: form.id, number: 1, title, fields: [] } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "form.created", target: { type: "form", id: form.id }, outcome: "SUCCESS", details: { form: form.id } });
    return form.id;
  });
}

/** The practice's forms with their newest and published versions (no client data). */
export async function listForms(actor: Actor) {
  const forms = await db().practiceForm.findMany({
    where: { practiceId: actor.practiceId },
    orderBy: { createdAt: "asc" },
    include: { versions: { orderBy: { number: "desc" }, select: { id: true, number: true, title: true, publishedAt: true, fields: true } }, _count: { select: { sent: true } } },
  });
  return forms.map((f) => {
    const latest = f.versions[0]!;
    const published = f.versions.find((v) => v.publishedAt !== null) ?? null;
    return { id: f.id, title: latest.title, archived: f.archivedAt !== null, draftNumber: latest.publishedAt ? null : latest.number, published: published && { number: published.number, at: published.publishedAt!, questions: storedFields(published.fields).length }, sent: f._count.sent };
  });
}

/** One form for the builder: its newest version (draft or published) and the latest published number. */
export async function loadForm(actor: Actor, formId: string) {
  requireOwner(actor);
  if (!z.uuid().safeParse(formId).success) throw notFound("That form");
  const form = await db().practiceForm.findFirst({ where: { id: formId, practiceId: actor.practiceId }, include: { versions: { orderBy: { number: "desc" } } } });
  if (!form) throw notFound("That form");
  const latest = form.versions[0]!;
  const published = form.versions.find((v) => v.publishedAt !== null) ?? null;
  return { id: form.id, archived: form.archivedAt !== null, version: { number: latest.number, title: latest.title, fields: storedFields(latest.fields), published: latest.publishedAt !== null }, publishedNumber: published?.number ?? null };
}

const addFieldSchema = z.object({
  kind: fieldSchema.shape.kind,
  label: fieldSchema.shape.label,
  help: fieldSchema.shape.help,
  required: z.string().max(2).optional().transform((v) => v === "on"),
  // "clinical" or a vault field.
  home: z.enum(["clinical", ...(Object.keys(IDENTITY_TARGETS) as (keyof typeof IDENTITY_TARGETS)[])], { message: "Choose where the answer is kept." }),
  // One choice per line: at most 20 of 100 characters (checked again as a field).
  options: z.string().max(FORM_LIMITS.options * (FORM_LIMITS.option + 2), "Keep the choices shorter.").default(""),
  statement: fieldSchema.shape.statement,
});

export const EDIT_OPERATIONS = ["title", "add", "remove", "up", "down"] as const;
const editSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("title"), title: titleSchema.shape.title }),
  z.object({ op: z.literal("add") }).extend(addFieldSchema.shape),
  z.object({ op: z.enum(["remove", "up", "down"]), fieldId: fieldSchema.shape.id }),
]);

/** Applies one edit to the form's draft (making a new draft after a published version). */
export async function editForm(actor: Actor, formId: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const edit = editSchema.parse(input);
  const form = await loadForm(actor, formId);
  if (form.archived) throw new AppError("archived", "This form is archived. Nothing was changed.", 409);
  let { title, fields } = form.version;
  let change: "title" | "field_added" | "field_removed" | "field_moved";
  if (edit.op === "title") {
    title = edit.title;
    change = "title";
  } else if (edit.op === "add") {
    const field: FormField = fieldSchema.parse({
      id: newFieldId(),
      kind: edit.kind,
      label: edit.label,
      help: edit.help,
      required: edit.required,
      identity: edit.home === "clinical" ? null : edit.home,
      options: edit.kind === "choice" ? edit.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean) : [],
      statement: edit.kind === "consent" ? edit.statement : "",
    });
    fields = [...fields, field];
    change = "field_added";
  } else {
    const at = fields.findIndex((f) => f.id === edit.fieldId);
    if (at < 0) throw notFound("That question");
    fields = [...fields];
    if (edit.op === "remove") {
      fields.splice(at, 1);
      change = "field_removed";
    } else {
      const to = edit.op === "up" ? at - 1 : at + 1;
      if (to < 0 || to >= fields.length) return form.version.number;
      [fields[at], fields[to]] = [fields[to]!, fields[at]!];
      change = "field_moved";
    }
  }
  const content = versionContentSchema.safeParse({ title, fields });
  if (!content.success) throw new AppError("invalid_form", content.error.issues[0]!.message, 400);
  return db().$transaction(async (tx) => {
    const number = await writeDraft(tx, actor.practiceId, formId, form.version, content.data);
    await recordAudit(tx, { ...memberEvent(actor, context), action: "form.edited", target: { type: "form", id: formId }, outcome: "SUCCESS", details: { form: formId, version: number, change, fields: content.data.fields.length } });
    return number;
  });
}

/** Updates the draft in place, or after a published version adds the next draft (racing edits: one wins, one is told). */
async function writeDraft(tx: Prisma.TransactionClient, practiceId: string, formId: string, latest: { number: number; published: boolean }, content: { title: string; fields: FormField[] }) {
  const data = { title: content.title, fields: content.fields as unknown as Prisma.InputJsonValue, updatedAt: new Date() };
  if (!latest.published) {
    const { count } = await tx.practiceFormVersion.updateMany({ where: { formId, practiceId, number: latest.number, publishedAt: null }, data });
    if (count !== 1) throw changedMeanwhile();
    return latest.number;
  }
  try {
    await tx.practiceFormVersion.create({ data: { ...data, practiceId, formId, number: latest.number + 1 } });
  } catch {
    throw changedMeanwhile();
  }
  return latest.number + 1;
}

const changedMeanwhile = () => new AppError("form_changed", "Someone changed this form at the same time. Reload it and try again.", 409);

/** Publishes the draft: checked in full, hashed, and frozen from then on. */
export async function publishForm(actor: Actor, formId: string, context: AuditContext) {
  requireOwner(actor);
  const form = await loadForm(actor, formId);
  if (form.version.published) throw new AppError("already_published", `Version ${form.version.number} is already published. Change something first to make a new version.`, 409);
  const problem = publishProblem({ title: form.version.title, fields: form.version.fields });
  if (problem) throw new AppError("invalid_form", problem, 400);
  const content = versionContentSchema.parse({ title: form.version.title, fields: form.version.fields });
  await db().$transaction(async (tx) => {
    const { count } = await tx.practiceFormVersion.updateMany({
      where: { formId, practiceId: actor.practiceId, number: form.version.number, publishedAt: null },
      data: { publishedAt: new Date(), publishedById: actor.membershipId, contentHash: new Uint8Array(versionHash(content)) },
    });
    if (count !== 1) throw changedMeanwhile();
    await recordAudit(tx, { ...memberEvent(actor, context), action: "form.published", target: { type: "form", id: formId }, outcome: "SUCCESS", details: { form: formId, version: form.version.number, fields: content.fields.length } });
  });
}

export const KIND_CHOICES = Object.entries(FIELD_KINDS);
export const HOME_CHOICES: [string, string][] = [["clinical", "Clinical record (encrypted like notes)"], ...Object.entries(IDENTITY_TARGETS).map(([k, v]) => [k, `Identity vault: ${v}`] as [string, string])];
