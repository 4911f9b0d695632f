import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { findClientFor } from "./access";
import { clientAuditBase, labelWarning, requireManage } from "./manage";
import { labelSchema } from "./schema";

/** Changes the client's label, with a hint if it looks like someone's name. */
export async function setClientLabel(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  const label = labelSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { label } });
    await recordAudit(tx, { ...clientAuditBase(actor, context), action: "client.label_changed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { labelled: label !== null } });
  });
  return { warning: await labelWarning(actor.practiceId, label) };
}
