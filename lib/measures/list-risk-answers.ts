import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { isClinician } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { asMeasureId, MEASURES } from "./definitions";
import { RISK_WINDOW_MS } from "./read-client-measures";

/**
 * Risk answers (a risk item above zero) of the clients this clinician is assigned to, from the
 * last two weeks, newest first: code, measure, item and when it was answered. Never the answers
 * themselves; the listing is audited.
 */
export async function listRiskAnswers(actor: Actor, context: AuditContext) {
  if (!isClinician(actor)) return [];
  const rows = await db().measureResponse.findMany({
    where: {
      practiceId: actor.practiceId,
      risk: true,
      completedAt: { gte: new Date(Date.now() - RISK_WINDOW_MS) },
      client: { practiceId: actor.practiceId, status: "ACTIVE", assignments: { some: { membershipId: actor.membershipId } } },
    },
    orderBy: { completedAt: "desc" },
    take: 50,
    select: { id: true, measure: true, completedAt: true, recordedById: true, client: { select: { code: true } } },
  });
  if (rows.length > 0) {
    await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.risks_listed", target: null, outcome: "SUCCESS", details: { responses: rows.length }, context });
  }
  return rows.map((r) => {
    const m = MEASURES[asMeasureId(r.measure)];
    return { id: r.id, clientCode: r.client.code, measure: m.name, item: m.riskItem!, itemText: m.items[m.riskItem! - 1]!, completedAt: r.completedAt!, inSession: r.recordedById !== null };
  });
}
