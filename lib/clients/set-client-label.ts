import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { findClientFor } from "./access";
import { checkLabel, clientAuditBase, requireManage } from "./manage";
import { labelSchema } from "./schema";

/** Changes the client's label; one that looks like someone's name only when `keep` says the member chose it. */
export async function setClientLabel(actor: Actor, code: string, input: unknown, context: AuditContext, { keep = false }: { keep?: boolean } = {}) {
  const access = await findClientFor(actor, code, context);
  requireManage(access);
  const label = labelSchema.parse(input);
  const warning = await checkLabel(actor.practiceId, label, keep);
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { label } });
    await recordAudit(tx, { ...clientAuditBase(actor, context), action: "client.label_changed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { labelled: label !== null } });
  });
  return { warning };
}
