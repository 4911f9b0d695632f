import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { ClientAccess } from "@/lib/clients/access";
import type { Actor } from "@/lib/auth/actor";
import { openWith, sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { clientActor, type PortalClient } from "./session";

// A client's private reflections: encrypted under their notes data key (so erasure shreds
// them), visible to the therapist only while the client shares an entry.

const aad = (id: string) => `reflection:${id}`;
const bodySchema = z.object({ text: z.string().trim().min(1, "Write something first.").max(20_000, "That is too long for one entry.") });

export async function writeReflection(portal: PortalClient, input: unknown, context: AuditContext) {
  const { text } = bodySchema.parse(input);
  const id = randomUUID();
  const key = await notesDataKey(portal.clientId);
  // With an accepted two-way connection, new entries are shared from the start (the client can
  // still stop sharing any of them); entries from before acceptance stay private.
  const connected = (await db().client.findUniqueOrThrow({ where: { id: portal.clientId }, select: { reflectionsAcceptedAt: true } })).reflectionsAcceptedAt !== null;
  await db().$transaction(async (tx) => {
    await tx.reflection.create({ data: { id, clientId: portal.clientId, bodyEnc: new Uint8Array(sealWith(key, text, aad(id))), sharedAt: connected ? new Date() : null } });
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "reflection.written", target: { type: "reflection", id }, outcome: "SUCCESS", details: { client: portal.code }, context });
  });
  return id;
}

export async function listOwnReflections(portal: PortalClient) {
  const key = await notesDataKey(portal.clientId);
  const rows = await db().reflection.findMany({ where: { clientId: portal.clientId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, sharedAt: r.sharedAt, text: openWith(key, r.bodyEnc, aad(r.id)) }));
}

export async function setReflectionShared(portal: PortalClient, id: string, shared: boolean, context: AuditContext) {
  if (!z.uuid().safeParse(id).success) throw notFound("That entry");
  await db().$transaction(async (tx) => {
    const { count } = await tx.reflection.updateMany({ where: { id, clientId: portal.clientId }, data: { sharedAt: shared ? new Date() : null } });
    if (count === 0) throw notFound("That entry");
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: shared ? "reflection.shared" : "reflection.unshared", target: { type: "reflection", id }, outcome: "SUCCESS", details: { client: portal.code }, context });
  });
}

/** What the client has chosen to share, for clinicians who read the client's notes; audited. */
export async function sharedReflections(actor: Actor, access: ClientAccess, context: AuditContext) {
  if (!access.canReadNotes) return [];
  const rows = await db().reflection.findMany({ where: { clientId: access.client.id, sharedAt: { not: null } }, orderBy: { createdAt: "desc" } });
  if (rows.length === 0) return [];
  const key = await notesDataKey(access.client.id);
  await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "reflection.read", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, entries: rows.length }, context });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, sharedAt: r.sharedAt!, text: openWith(key, r.bodyEnc, aad(r.id)) }));
}

/** A clinician invites the client to share reflections both ways; the client must accept. */
export async function inviteReflectionConnection(actor: Actor, access: ClientAccess, context: AuditContext) {
  if (!access.canReadNotes) throw notFound("That client");
  await db().$transaction(async (tx) => {
    await tx.client.update({ where: { id: access.client.id }, data: { reflectionsInvitedAt: new Date(), reflectionsAcceptedAt: null } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "reflection.connection_invited", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code }, context });
  });
}

export async function connectionState(clientId: string) {
  return db().client.findUniqueOrThrow({ where: { id: clientId }, select: { reflectionsInvitedAt: true, reflectionsAcceptedAt: true } });
}

/** The client accepts (or ends) the two-way connection. Ending it keeps earlier shares as they are. */
export async function answerReflectionConnection(portal: PortalClient, accept: boolean, context: AuditContext) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.client.updateMany({
      where: { id: portal.clientId, reflectionsInvitedAt: { not: null } },
      data: accept ? { reflectionsAcceptedAt: new Date() } : { reflectionsInvitedAt: null, reflectionsAcceptedAt: null },
    });
    if (count === 0) throw notFound("That invitation");
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: accept ? "reflection.connection_accepted" : "reflection.connection_ended", target: { type: "client", id: portal.code }, outcome: "SUCCESS", details: { client: portal.code }, context });
  });
}
