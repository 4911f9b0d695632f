import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { clientActor, type PortalClient } from "@/lib/portal/session";
import { limitKey, LIMITS, reserveAttempt } from "@/lib/rate-limit";
import { statutoryDueDate } from "./due";
import { requestAad } from "./load-request";
import { submitSchema } from "./schema";

/** A request from the client's portal: identity verified by the sign-in, their words sealed. */
export async function submitRequest(portal: PortalClient, input: unknown, context: AuditContext) {
  const { kind, details, confirmErasure } = submitSchema.parse(input);
  if (kind === "RECTIFICATION" && !details) throw new AppError("details_required", "Tell us what is wrong and what it should say.", 400);
  // Erasure cannot be undone: the portal explains it first, and the request needs the client's "yes".
  if (kind === "ERASURE" && confirmErasure !== "yes") throw new AppError("confirm_erasure", "Please read what deleting your data means and tick the box to confirm, then send the request again.", 400);
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.requestSubmit, key: limitKey(LIMITS.requestSubmit, portal.code) }])).allowed) {
    throw new AppError("too_many", "You have sent many requests in the last hour. Please wait a little and try again.", 429);
  }
  const id = randomUUID();
  const dataKey = details ? await notesDataKey(portal.clientId) : null;
  const now = new Date();
  return db().$transaction(async (tx) => {
    const request = await tx.dataRequest.create({
      data: {
        id,
        practiceId: portal.practiceId,
        clientId: portal.clientId,
        clientCode: portal.code,
        kind,
        source: "portal",
        identityVerified: true,
        detailsEnc: dataKey ? new Uint8Array(sealWith(dataKey, details, requestAad(id))) : null,
        receivedAt: now,
        clockStartedAt: now,
        dueOn: statutoryDueDate(now),
      },
    });
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "request.submitted", target: { type: "request", id }, outcome: "SUCCESS", details: { kind, client: portal.code }, context });
    return request;
  });
}
