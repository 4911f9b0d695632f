import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { findClientFor } from "./access";
import { clientAuditBase, requireManage } from "./manage";

/** Assigns one of the practice's clinicians to the client (assigning twice changes nothing). */
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
    await recordAudit(tx, { ...clientAuditBase(actor, context), action: "client.assigned", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { membershipId: id } });
  });
}
