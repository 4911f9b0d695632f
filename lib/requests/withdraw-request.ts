import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { clientActor, type PortalClient } from "@/lib/portal/session";
import { limitKey, LIMITS, reserveAttempt } from "@/lib/rate-limit";

const NOT_OPEN = () => new AppError("request_not_open", "That request is not open any more, so it cannot be withdrawn. Reload the page to see where it stands.", 404);

/** The client takes back one of their own open requests; the practice sees it as withdrawn. */
export async function withdrawRequest(portal: PortalClient, requestId: unknown, context: AuditContext) {
  const parsed = z.uuid().safeParse(requestId);
  if (!parsed.success) throw NOT_OPEN();
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.portalAppointmentChange, key: limitKey(LIMITS.portalAppointmentChange, portal.code) }])).allowed) {
    throw new AppError("too_many", "You have asked for many changes in the last hour. Please wait a little, or call the practice.", 429);
  }
  await db().$transaction(async (tx) => {
    const mine = { id: parsed.data, clientId: portal.clientId, practiceId: portal.practiceId, status: "OPEN" as const };
    const request = await tx.dataRequest.findFirst({ where: mine, select: { id: true, kind: true } });
    if (!request) throw NOT_OPEN();
    // Conditional on still being open, so a practice closing it at the same moment wins cleanly.
    const { count } = await tx.dataRequest.updateMany({ where: mine, data: { status: "WITHDRAWN", outcome: "You withdrew this request.", closedAt: new Date() } });
    if (count === 0) throw NOT_OPEN();
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "request.withdrawn", target: { type: "request", id: request.id }, outcome: "SUCCESS", details: { kind: request.kind, client: portal.code }, context });
  });
}
