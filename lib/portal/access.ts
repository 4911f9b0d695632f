import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { findClientFor, type ClientAccess } from "@/lib/clients/access";
import { formatClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { generateOneTimePin } from "./pin";

/** Portal access is handed over by a clinician who reads the client's notes, while the client is active. */
export const mayIssuePortalAccess = (access: Pick<ClientAccess, "canReadNotes" | "client">) => access.canReadNotes && access.client.status === "ACTIVE";

/**
 * An assigned clinician issues (or re-issues) portal access: a one-time PIN, shown once. The
 * old PIN stops working and the client's portal sessions end. The clinician never sees the
 * PIN the client then chooses.
 */
export async function issuePortalAccess(actor: Actor, code: string, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!mayIssuePortalAccess(access)) throw forbidden();
  const pin = generateOneTimePin();
  const pinHash = await hashPassword(pin);
  const reissued = await db().$transaction(async (tx) => {
    const existing = await tx.portalAccess.findUnique({ where: { clientId: access.client.id } });
    await tx.portalAccess.upsert({
      where: { clientId: access.client.id },
      create: { clientId: access.client.id, pinHash, issuedById: actor.membershipId },
      update: { pinHash, mustChangePin: true, issuedAt: new Date(), issuedById: actor.membershipId, pinChangedAt: null },
    });
    const ended = await tx.portalSession.updateMany({ where: { clientId: access.client.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "portal.access_issued", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { reissued: Boolean(existing), sessionsEnded: ended.count }, context });
    return Boolean(existing);
  });
  return { code: formatClientCode(access.client.code), pin, reissued };
}

export async function portalStatus(clientId: string) {
  return db().portalAccess.findUnique({ where: { clientId }, select: { issuedAt: true, mustChangePin: true, pinChangedAt: true } });
}
