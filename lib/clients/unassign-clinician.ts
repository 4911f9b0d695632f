import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { findClientFor } from "./access";
import { clientAuditBase, requireManage } from "./manage";

/** Removes a clinician from the client; the last one stays. */
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
    await recordAudit(tx, { ...clientAuditBase(actor, context), action: "client.unassigned", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { membershipId: id } });
  });
}
