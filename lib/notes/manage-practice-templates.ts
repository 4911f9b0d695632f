import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import {
  isBuiltInName,
  MAX_PRACTICE_TEMPLATES,
  nameKey,
  practiceTemplateSchema,
  readStoredSections,
  storedSections,
  templateChoiceSchema,
} from "./practice-template-rules";

// Owners manage the practice's note templates (beside the four built-ins) and which template
// each appointment type offers first. A template is archived, never deleted: notes started
// with it keep their own copy of its layout. Changes are serialised per practice, so two owners
// cannot race a duplicate name or the template limit.

/** Whether this member manages note templates: owners only. */
export const mayManageNoteTemplates = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

function requireOwner(actor: Actor) {
  if (!mayManageNoteTemplates(actor)) throw forbidden();
}

const inPracticeLock = <T>(actor: Actor, run: (tx: Prisma.TransactionClient) => Promise<T>) =>
  db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`note-templates:${actor.practiceId}`}, 0))::text`;
    return run(tx);
  });

async function findTemplate(tx: Prisma.TransactionClient, actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("That template");
  const template = await tx.practiceNoteTemplate.findFirst({ where: { id, practiceId: actor.practiceId } });
  if (!template) throw notFound("That template");
  return template;
}

async function refuseDuplicateName(tx: Prisma.TransactionClient, practiceId: string, name: string, exceptId: string | null) {
  if (isBuiltInName(name)) throw new AppError("duplicate_template", `${name} is one of the built-in templates. Choose another name.`, 409);
  const all = await tx.practiceNoteTemplate.findMany({ where: { practiceId }, select: { id: true, name: true } });
  const same = all.find((t) => t.id !== exceptId && nameKey(t.name) === nameKey(name));
  if (same) throw new AppError("duplicate_template", `There is already a template called ${same.name}. Choose another name.`, 409);
  return all.length;
}

/** The practice's templates for the settings page (archived too), with how many notes use each. */
export async function listPracticeTemplates(actor: Actor) {
  requireOwner(actor);
  const rows = await db().practiceNoteTemplate.findMany({
    where: { practiceId: actor.practiceId },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    include: { _count: { select: { notes: true } } },
  });
  return rows.map((t) => ({ id: t.id, name: t.name, archived: t.archivedAt !== null, sections: readStoredSections(t.sections), notes: t._count.notes }));
}

/** The templates a clinician may start a note with: this practice's, not archived. */
export async function availablePracticeTemplates(practiceId: string, tx: Prisma.TransactionClient | ReturnType<typeof db> = db()) {
  return tx.practiceNoteTemplate.findMany({ where: { practiceId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, sections: true } });
}

export async function createPracticeTemplate(actor: Actor, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const data = practiceTemplateSchema.parse(input);
  return inPracticeLock(actor, async (tx) => {
    const count = await refuseDuplicateName(tx, actor.practiceId, data.name, null);
    if (count >= MAX_PRACTICE_TEMPLATES) throw new AppError("too_many_templates", `A practice can keep up to ${MAX_PRACTICE_TEMPLATES} templates. Archive or reuse one instead.`, 409);
    const sections = storedSections(data.sections);
    const template = await tx.practiceNoteTemplate.create({ data: { practiceId: actor.practiceId, name: data.name, sections } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "note_template.created", target: null, outcome: "SUCCESS", details: { template: template.id, sections: sections.length } });
    return template;
  });
}

/** Renames or re-sections a template; notes already started keep the layout they began with. */
export async function changePracticeTemplate(actor: Actor, id: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const data = practiceTemplateSchema.parse(input);
  return inPracticeLock(actor, async (tx) => {
    await findTemplate(tx, actor, id);
    await refuseDuplicateName(tx, actor.practiceId, data.name, id);
    const sections = storedSections(data.sections);
    const template = await tx.practiceNoteTemplate.update({ where: { id }, data: { name: data.name, sections, updatedAt: new Date() } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "note_template.changed", target: null, outcome: "SUCCESS", details: { template: id, sections: sections.length } });
    return template;
  });
}

export async function setPracticeTemplateArchived(actor: Actor, id: string, archived: boolean, context: AuditContext) {
  requireOwner(actor);
  return inPracticeLock(actor, async (tx) => {
    const template = await findTemplate(tx, actor, id);
    if ((template.archivedAt !== null) === archived) return template;
    const updated = await tx.practiceNoteTemplate.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: archived ? "note_template.archived" : "note_template.unarchived", target: null, outcome: "SUCCESS", details: { template: id } });
    return updated;
  });
}

/** The note template an appointment type offers first: a built-in, an available practice template, or none. */
export async function setTypeNoteTemplate(actor: Actor, typeId: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const raw = z.object({ template: z.string().max(60) }).parse(input).template;
  const choice = raw === "" ? null : templateChoiceSchema.parse(raw);
  if (!z.uuid().safeParse(typeId).success) throw notFound("That appointment type");
  return inPracticeLock(actor, async (tx) => {
    const type = await tx.practiceAppointmentType.findFirst({ where: { id: typeId, practiceId: actor.practiceId }, select: { id: true } });
    if (!type) throw notFound("That appointment type");
    let data: { noteTemplate: "FREE" | "SOAP" | "DAP" | "BIRP" | null; noteTemplateId: string | null } = { noteTemplate: null, noteTemplateId: null };
    if (choice && "builtIn" in choice) data = { noteTemplate: choice.builtIn, noteTemplateId: null };
    if (choice && "practiceTemplateId" in choice) {
      const template = await tx.practiceNoteTemplate.findFirst({ where: { id: choice.practiceTemplateId, practiceId: actor.practiceId, archivedAt: null }, select: { id: true } });
      if (!template) throw notFound("That template");
      data = { noteTemplate: null, noteTemplateId: template.id };
    }
    await tx.practiceAppointmentType.update({ where: { id: type.id }, data });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment_type.note_template_set", target: null, outcome: "SUCCESS", details: { appointmentType: type.id, template: data.noteTemplate, practiceTemplate: data.noteTemplateId } });
  });
}

/** Every appointment type with the template it offers first, for the templates page. */
export async function listTypeNoteTemplates(actor: Actor) {
  requireOwner(actor);
  return db().practiceAppointmentType.findMany({
    where: { practiceId: actor.practiceId, archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, noteTemplate: true, noteTemplateId: true },
  });
}
