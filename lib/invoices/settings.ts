import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/http/errors";
import { requireInvoiceRole } from "./access";
import { invoiceSettingsSchema, registrationSchema } from "./schema";

// The practice's invoicing settings (copied onto every invoice at issue) and each clinician's
// professional registration. Owners and managers change them; every change is audited.

export async function invoiceSettingsOf(client: Prisma.TransactionClient | ReturnType<typeof db>, practiceId: string) {
  return (await client.invoiceSettings.findUnique({ where: { practiceId } })) ?? (await client.invoiceSettings.upsert({ where: { practiceId }, create: { practiceId }, update: {} }));
}

export async function readInvoiceSettings(actor: Actor) {
  requireInvoiceRole(actor);
  const [settings, members, registrations] = await Promise.all([
    invoiceSettingsOf(db(), actor.practiceId),
    db().membership.findMany({ where: { practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } }, select: { id: true, user: { select: { displayName: true } } }, orderBy: { createdAt: "asc" } }),
    db().clinicianRegistration.findMany({ where: { practiceId: actor.practiceId } }),
  ]);
  const byMember = new Map(registrations.map((r) => [r.membershipId, r]));
  return { settings, clinicians: members.map((m) => ({ membershipId: m.id, name: m.user.displayName, body: byMember.get(m.id)?.body ?? "", number: byMember.get(m.id)?.number ?? "" })) };
}

export async function saveInvoiceSettings(actor: Actor, input: unknown, context: AuditContext) {
  requireInvoiceRole(actor);
  const data = invoiceSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.invoiceSettings.upsert({ where: { practiceId: actor.practiceId }, create: { practiceId: actor.practiceId, ...data }, update: { ...data, updatedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "invoice.settings_changed", target: { type: "practice", id: actor.practiceId }, outcome: "SUCCESS", context, details: { vatExempt: data.vatExempt, paymentTermsDays: data.paymentTermsDays, retentionYears: data.retentionYears } });
  });
}

export async function saveRegistration(actor: Actor, input: unknown, context: AuditContext) {
  requireInvoiceRole(actor);
  const { membershipId, body, number } = registrationSchema.parse(input);
  if ((body === "") !== (number === "")) throw new AppError("invalid_registration", "Give both the registration body (for example BACP) and the number, or neither.", 400);
  const member = await db().membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null }, select: { id: true } });
  if (!member) throw notFound("That clinician");
  await db().$transaction(async (tx) => {
    if (body === "") await tx.clinicianRegistration.deleteMany({ where: { membershipId, practiceId: actor.practiceId } });
    else await tx.clinicianRegistration.upsert({ where: { membershipId }, create: { membershipId, practiceId: actor.practiceId, body, number }, update: { body, number } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "invoice.registration_changed", target: { type: "membership", id: membershipId }, outcome: "SUCCESS", context, details: { recorded: body !== "" } });
  });
}
