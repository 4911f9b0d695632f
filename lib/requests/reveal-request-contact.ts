import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { readRequestContact } from "@/lib/vault/request-contact";
import { requestAuditBase, requireOwner } from "./load-request";

/** The contact details of a public request, from the vault: a reveal, audited. */
export async function revealRequestContact(actor: Actor, id: string, context: AuditContext) {
  requireOwner(actor);
  assertSteppedUp(actor);
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  const contact = await readRequestContact(actor.practiceId, id);
  await recordAudit(db(), { ...requestAuditBase(actor, id, context), action: "identity.revealed", outcome: "SUCCESS", details: { reason: "data_request", scope: "request_contact", recorded: contact !== null } });
  return contact;
}
