import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { findClientFor } from "./access";
import { clientAuditBase, requireManage } from "./manage";

/** Discharges or reopens a client (no change, no event). */
export async function setClientStatus(actor: Actor, code: string, status: "ACTIVE" | "DISCHARGED", context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  if (access.client.status === status) return;
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { status, dischargedAt: status === "DISCHARGED" ? new Date() : null } });
    await recordAudit(tx, { ...clientAuditBase(actor, context), action: status === "DISCHARGED" ? "client.discharged" : "client.reopened", target: { type: "client", id: access.client.code }, outcome: "SUCCESS" });
  });
}
