import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { Client } from "@/lib/generated/prisma/client";
import { destroyIdentity } from "@/lib/vault/identity";
import { destroyRequestContact } from "@/lib/vault/request-contact";

/**
 * Erases a client for good. First the crypto-shredding: the notes data key and the vault row
 * (which holds the identity data key) are deleted, so any copy of the ciphertexts anywhere is
 * unreadable. Then every clinical row goes (notes, versions, addenda, assignments, reflections,
 * portal access and sessions, pending exports), and requests keep only the code. The audit trail
 * is append-only and never held identity: it keeps codes, and gains this tombstone.
 */
export async function eraseClient(actor: Actor, client: Client, reason: string, context: AuditContext) {
  // Every statement is scoped to the actor's practice: a client of another practice is not found.
  const practiceId = actor.practiceId;
  if (client.practiceId !== practiceId) throw notFound("That client");
  const requestIds = (await db().dataRequest.findMany({ where: { clientId: client.id, practiceId }, select: { id: true } })).map((r) => r.id);
  const counts = await db().$transaction(async (tx) => {
    await tx.clientNotesKey.deleteMany({ where: { clientId: client.id, client: { practiceId } } });
    const notes = await tx.note.count({ where: { clientId: client.id, practiceId } });
    await tx.dataExport.deleteMany({ where: { clientId: client.id, request: { practiceId } } });
    await tx.dataRequest.updateMany({ where: { clientId: client.id, practiceId }, data: { clientId: null, detailsEnc: null } });
    const { count } = await tx.client.deleteMany({ where: { id: client.id, practiceId } });
    if (count !== 1) throw notFound("That client");
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "client.erased",
      target: { type: "client", id: client.code },
      outcome: "SUCCESS",
      details: { reason, entries: notes },
      context,
    });
    return { notes };
  });
  // After the clinical commit: the identity (and its key) leave the vault.
  await destroyIdentity({ id: client.id, practiceId });
  for (const id of requestIds) await destroyRequestContact(practiceId, id);
  return counts;
}
