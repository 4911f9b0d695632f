import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";

// What the owners' request operations share: the owner check, loading an open request of the
// actor's practice, the audit event's common fields, and the AAD the client's words are sealed under.

export const requestAad = (id: string) => `request:${id}`;

export function requireOwner(actor: Actor) {
  if (actor.role !== "OWNER") throw forbidden();
}

export async function openRequest(actor: Actor, id: string) {
  requireOwner(actor);
  if (!z.uuid().safeParse(id).success) throw notFound("That request");
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  if (request.status !== "OPEN") throw new AppError("closed", "This request is already closed.", 409);
  return request;
}

export const requestAuditBase = (actor: Actor, id: string, context: AuditContext) => ({ practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "request", id }, context });
