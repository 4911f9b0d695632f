import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { openRequest, requestAuditBase } from "./load-request";

/** An owner, having checked who the person is, links a public request to the client's record. */
export async function linkRequestToClient(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.clientId) throw new AppError("already_linked", "This request is already linked to a client.", 409);
  const { code } = z.object({ code: z.string().max(20) }).parse(input);
  const canonical = parseClientCode(code);
  const client = canonical ? await db().client.findUnique({ where: { code: canonical } }) : null;
  if (!client || client.practiceId !== actor.practiceId) throw new AppError("unknown_client", "No client of this practice has that code. Check it and try again.", 400);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { clientId: client.id, clientCode: client.code, identityVerified: true } });
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.identity_verified", outcome: "SUCCESS", details: { client: client.code } });
  });
}
