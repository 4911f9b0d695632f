import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { lockPracticeSchedule } from "./conflicts";
import { appointmentTypeSchema } from "./schema";
import { listAppointmentTypes, typeNameKey } from "./types";

// Owners manage the practice's appointment types. A type in use is never deleted (only
// archived), and a practice always keeps at least one bookable type. Changes are serialised
// under the practice's schedule lock, so two owners cannot race a rename or the last archive.

/** Whether this member manages the practice's appointment types: owners only. */
export const mayManageAppointmentTypes = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

function requireOwner(actor: Actor) {
  if (!mayManageAppointmentTypes(actor)) throw forbidden();
}

async function findType(tx: Prisma.TransactionClient, actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("That appointment type");
  const type = await tx.practiceAppointmentType.findFirst({ where: { id, practiceId: actor.practiceId } });
  if (!type) throw notFound("That appointment type");
  return type;
}

async function refuseDuplicateName(tx: Prisma.TransactionClient, practiceId: string, name: string, exceptId: string | null) {
  const all = await tx.practiceAppointmentType.findMany({ where: { practiceId }, select: { id: true, name: true, archivedAt: true } });
  const same = all.find((t) => t.id !== exceptId && typeNameKey(t.name) === typeNameKey(name));
  if (same) {
    throw new AppError("duplicate_type", same.archivedAt ? `There is already an archived type called ${same.name}: bring it back instead, or choose another name.` : `There is already a type called ${same.name}. Choose another name.`, 409);
  }
}

async function refuseLastBookable(tx: Prisma.TransactionClient, practiceId: string, id: string) {
  const others = await tx.practiceAppointmentType.count({ where: { practiceId, archivedAt: null, id: { not: id } } });
  if (others === 0) throw new AppError("last_type", "Keep at least one type that can be booked: add another type first.", 409);
}

const inTransaction = <T>(actor: Actor, run: (tx: Prisma.TransactionClient) => Promise<T>) =>
  db().$transaction(async (tx) => {
    await lockPracticeSchedule(tx, actor.practiceId);
    return run(tx);
  });

export async function createAppointmentType(actor: Actor, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const data = appointmentTypeSchema.parse(input);
  return inTransaction(actor, async (tx) => {
    await refuseDuplicateName(tx, actor.practiceId, data.name, null);
    const last = await tx.practiceAppointmentType.aggregate({ where: { practiceId: actor.practiceId }, _max: { position: true } });
    const type = await tx.practiceAppointmentType.create({
      data: { practiceId: actor.practiceId, name: data.name, category: data.category, durationMinutes: data.durationMinutes, feePence: data.fee, position: (last._max.position ?? 0) + 1 },
    });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment_type.created", target: null, outcome: "SUCCESS", details: { appointmentType: type.id, category: type.category, minutes: type.durationMinutes, fee: type.feePence } });
    return type;
  });
}

export async function changeAppointmentType(actor: Actor, id: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const data = appointmentTypeSchema.parse(input);
  return inTransaction(actor, async (tx) => {
    const before = await findType(tx, actor, id);
    await refuseDuplicateName(tx, actor.practiceId, data.name, id);
    const type = await tx.practiceAppointmentType.update({
      where: { id },
      data: { name: data.name, category: data.category, durationMinutes: data.durationMinutes, feePence: data.fee },
    });
    await recordAudit(tx, {
      ...memberEvent(actor, context),
      action: "appointment_type.changed",
      target: null,
      outcome: "SUCCESS",
      details: {
        appointmentType: id,
        retitled: before.name !== type.name,
        category: type.category,
        minutes: type.durationMinutes,
        fee: type.feePence,
      },
    });
    return type;
  });
}

/** Swaps a type with its neighbour above or below. */
export async function moveAppointmentType(actor: Actor, id: string, direction: "up" | "down", context: AuditContext) {
  requireOwner(actor);
  return inTransaction(actor, async (tx) => {
    await findType(tx, actor, id);
    const all = await tx.practiceAppointmentType.findMany({ where: { practiceId: actor.practiceId }, select: { id: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    const i = all.findIndex((t) => t.id === id);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return;
    [all[i], all[j]] = [all[j]!, all[i]!];
    // Renumber everything 1..n: cheap for a handful of types, and repairs any ties.
    for (const [position, t] of all.entries()) await tx.practiceAppointmentType.update({ where: { id: t.id }, data: { position: position + 1 } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment_type.reordered", target: null, outcome: "SUCCESS", details: { appointmentType: id, direction } });
  });
}

export async function setAppointmentTypeArchived(actor: Actor, id: string, archived: boolean, context: AuditContext) {
  requireOwner(actor);
  return inTransaction(actor, async (tx) => {
    const type = await findType(tx, actor, id);
    if ((type.archivedAt !== null) === archived) return type;
    if (archived) await refuseLastBookable(tx, actor.practiceId, id);
    const updated = await tx.practiceAppointmentType.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: archived ? "appointment_type.archived" : "appointment_type.unarchived", target: null, outcome: "SUCCESS", details: { appointmentType: id } });
    return updated;
  });
}

/** The settings list: every type (archived too), with how many appointments use it and whether it may be deleted. */
export async function appointmentTypesToManage(actor: Actor) {
  requireOwner(actor);
  const types = await listAppointmentTypes(actor.practiceId, { includeArchived: true });
  const groups = await db().appointment.groupBy({ by: ["practiceTypeId"], where: { practiceId: actor.practiceId }, _count: { _all: true } });
  const used = new Map(groups.map((g) => [g.practiceTypeId, g._count._all]));
  return types.map((type) => {
    const appointments = used.get(type.id) ?? 0;
    return { ...type, appointments, deletable: appointments === 0 };
  });
}

/** Deletes a type no appointment uses; one in use can only be archived. */
export async function deleteAppointmentType(actor: Actor, id: string, context: AuditContext) {
  requireOwner(actor);
  return inTransaction(actor, async (tx) => {
    const type = await findType(tx, actor, id);
    const used = await tx.appointment.count({ where: { practiceTypeId: id } });
    if (used > 0) {
      throw new AppError("type_in_use", `${type.name} is used by ${used === 1 ? "1 appointment" : `${used.toLocaleString("en-GB")} appointments`}, so it cannot be deleted. Archive it instead: it will no longer be offered for new bookings.`, 409);
    }
    if (!type.archivedAt) await refuseLastBookable(tx, actor.practiceId, id);
    await tx.practiceAppointmentType.delete({ where: { id } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment_type.deleted", target: null, outcome: "SUCCESS", details: { appointmentType: id, category: type.category } });
  });
}
