import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { createNotesKey } from "@/lib/notes/keys";
import { destroyIdentity, identitySchema, labelLooksLikeAName, storeIdentity } from "@/lib/vault/identity";
import { findClientFor, isClinician, visibleClientsWhere, type ClientAccess } from "./access";
import { generateClientCode, parseClientCode } from "./code";

export const labelSchema = z
  .string()
  .trim()
  .max(60, "Keep the label under 60 characters.")
  .optional()
  .transform((v) => (v ? v : null));

export const newClientSchema = z.object({
  label: labelSchema,
  /** Identity is optional at creation; it goes straight to the vault. */
  identity: identitySchema.optional(),
});

const audit = (actor: Actor, context: AuditContext) => ({ practiceId: actor.practiceId, actor: memberActor(actor), context });

/** Words a label shares with names: a hint for the therapist, never a block. */
async function labelWarning(practiceId: string, label: string | null, ownName?: string): Promise<string | null> {
  if (!label) return null;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const own = ownName ? words(ownName) : [];
  if (words(label).some((w) => own.includes(w)) || (await labelLooksLikeAName(practiceId, label))) {
    return "The label shares a word with a client's name. Labels are shown in lists and calendars: choose one that identifies no one (e.g. \"Tuesday 10am\").";
  }
  return null;
}

/**
 * A new client under a fresh random code, with its own notes data key, assigned to the
 * clinician who created it. Identity, if given, goes to the vault in the same step: if the vault
 * write fails, nothing is created.
 */
export async function createClient(actor: Actor, input: unknown, context: AuditContext) {
  if (!isClinician(actor)) throw forbidden();
  const { label, identity } = newClientSchema.parse(input);
  const warning = await labelWarning(actor.practiceId, label, identity?.fullName);
  let createdId: string | null = null;
  try {
    const client = await db().$transaction(async (tx) => {
      const client = await insertWithFreshCode(tx, actor.practiceId, label);
      createdId = client.id;
      await createNotesKey(tx, client.id);
      await tx.clientAssignment.create({ data: { clientId: client.id, membershipId: actor.membershipId } });
      await recordAudit(tx, { ...audit(actor, context), action: "client.created", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { labelled: label !== null, identity: Boolean(identity) } });
      if (identity) {
        await storeIdentity(client, identity);
        await recordAudit(tx, { ...audit(actor, context), action: "identity.recorded", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { fields: Object.values(identity).filter(Boolean).length } });
      }
      return client;
    });
    return { client, warning };
  } catch (error) {
    // The clinical transaction rolled back after the vault write: remove the orphan identity.
    if (createdId && identity) await destroyIdentity({ id: createdId, practiceId: actor.practiceId }).catch(() => {});
    throw error;
  }
}

async function insertWithFreshCode(tx: Prisma.TransactionClient, practiceId: string, label: string | null) {
  // 55 random bits: a collision is astronomically rare, but it is checked, not assumed.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateClientCode();
    if (await tx.client.findUnique({ where: { code }, select: { id: true } })) continue;
    return tx.client.create({ data: { practiceId, code, label } });
  }
  throw new AppError("code_exhausted", "Could not generate a client code. Please try again.", 500);
}

export const caseloadQuerySchema = z.object({
  q: z.string().trim().max(60).optional().default(""),
  status: z.enum(["active", "discharged"]).optional().default("active"),
});

/** The caseload: codes, labels, clinicians, last session and unsigned-note count. */
export async function listCaseload(actor: Actor, query: unknown) {
  const { q, status } = caseloadQuerySchema.parse(query);
  const where: Prisma.ClientWhereInput = { ...visibleClientsWhere(actor), status: status === "active" ? "ACTIVE" : "DISCHARGED" };
  if (q) {
    const exact = parseClientCode(q);
    const partial = q.toUpperCase().replace(/[\s-]/g, "");
    where.OR = exact
      ? [{ code: exact }]
      : [{ label: { contains: q, mode: "insensitive" } }, ...(partial.length >= 3 ? [{ code: { contains: partial } }] : [])];
  }
  const clients = await db().client.findMany({
    where,
    orderBy: [{ label: "asc" }, { code: "asc" }],
    take: 1000,
    select: {
      id: true,
      code: true,
      label: true,
      status: true,
      createdAt: true,
      assignments: { select: { membershipId: true, membership: { select: { user: { select: { displayName: true } } } } } },
    },
  });
  const showNotes = actor.role !== "MANAGER";
  const ids = clients.map((c) => c.id);
  const [last, unsigned] = showNotes
    ? await Promise.all([
        db().note.groupBy({ by: ["clientId"], where: { clientId: { in: ids }, kind: "CLINICAL" }, _max: { sessionDate: true } }),
        db().note.groupBy({ by: ["clientId"], where: { clientId: { in: ids }, kind: "CLINICAL", status: "DRAFT" }, _count: { _all: true } }),
      ])
    : [[], []];
  const lastBy = new Map(last.map((r) => [r.clientId, r._max.sessionDate]));
  const unsignedBy = new Map(unsigned.map((r) => [r.clientId, r._count._all]));
  return clients.map((c) => ({
    code: c.code,
    label: c.label,
    status: c.status,
    assigned: c.assignments.some((a) => a.membershipId === actor.membershipId),
    clinicians: c.assignments.map((a) => a.membership.user.displayName),
    lastSession: showNotes ? (lastBy.get(c.id) ?? null) : null,
    unsignedNotes: showNotes ? (unsignedBy.get(c.id) ?? 0) : null,
  }));
}

/** Who may be assigned: the practice's clinicians (owners and therapists). */
export async function listClinicians(actor: Actor) {
  return db().membership.findMany({
    where: { practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
    select: { id: true, role: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}

function requireManage(access: ClientAccess) {
  if (!access.canManage) throw forbidden();
}

export async function assignClinician(actor: Actor, code: string, membershipId: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  const id = z.uuid({ message: "Choose a clinician." }).parse(membershipId);
  const member = await db().membership.findFirst({ where: { id, practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } } });
  if (!member) throw notFound("That clinician");
  await db().$transaction(async (tx) => {
    const existing = await tx.clientAssignment.findUnique({ where: { clientId_membershipId: { clientId: access.client.id, membershipId: id } } });
    if (existing) return;
    await tx.clientAssignment.create({ data: { clientId: access.client.id, membershipId: id } });
    await recordAudit(tx, { ...audit(actor, context), action: "client.assigned", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { membershipId: id } });
  });
}

export async function unassignClinician(actor: Actor, code: string, membershipId: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  const id = z.uuid().parse(membershipId);
  await db().$transaction(async (tx) => {
    const remaining = await tx.clientAssignment.findMany({ where: { clientId: access.client.id } });
    if (!remaining.some((a) => a.membershipId === id)) throw notFound("That assignment");
    if (remaining.length === 1) {
      throw new AppError("last_clinician", "A client always needs at least one clinician. Assign someone else first.", 409);
    }
    await tx.clientAssignment.delete({ where: { clientId_membershipId: { clientId: access.client.id, membershipId: id } } });
    await recordAudit(tx, { ...audit(actor, context), action: "client.unassigned", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { membershipId: id } });
  });
}

export async function setClientStatus(actor: Actor, code: string, status: "ACTIVE" | "DISCHARGED", context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  if (access.client.status === status) return;
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { status, dischargedAt: status === "DISCHARGED" ? new Date() : null } });
    await recordAudit(tx, { ...audit(actor, context), action: status === "DISCHARGED" ? "client.discharged" : "client.reopened", target: { type: "client", id: access.client.code }, outcome: "SUCCESS" });
  });
}

export async function setClientLabel(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  const label = labelSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { label } });
    await recordAudit(tx, { ...audit(actor, context), action: "client.label_changed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { labelled: label !== null } });
  });
  return { warning: await labelWarning(actor.practiceId, label) };
}

/** Writes (replaces) a client's identity in the vault: assigned clinicians only. */
export async function recordIdentity(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!access.canReadNotes) throw forbidden();
  const identity = identitySchema.parse(input);
  await storeIdentity(access.client, identity);
  await recordAudit(db(), { ...audit(actor, context), action: "identity.recorded", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { fields: Object.values(identity).filter(Boolean).length } });
}
