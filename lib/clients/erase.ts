import "server-only";
import type { AuditDetails } from "@/lib/audit/actions";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { Client, Prisma } from "@/lib/generated/prisma/client";
import { forgetTitlesBookedFor } from "@/lib/calendar-import/erase";
import { destroyIdentity } from "@/lib/vault/destroy-identity";
import { destroyRequestContact } from "@/lib/vault/request-contact";
import { recordErasure } from "@/lib/backup/record-erasure";
import { destroyExpiredInvoices } from "@/lib/invoices/retention";

// What a request keeps of an erased client: the code, kind, dates, status and legal ground.
// Every free text about the client goes (their words, the harm review, the owner's reasons and
// outcome); an extension keeps a fixed reason, as the database requires one.
const FORGOTTEN_REQUEST_FIELDS = { clientId: null, detailsEnc: null, harmReviewOpinion: null, harmReviewWithheld: null, outcome: null };
const ERASED_EXTENSION_REASON = "Erased with the client's record.";

/**
 * Erases a client for good. First the crypto-shredding: the notes data key and the vault row
 * (which holds the identity data key) are deleted, so any copy of the ciphertexts anywhere is
 * unreadable. Then every clinical row goes (notes, versions, addenda, assignments, reflections,
 * portal access and sessions, pending exports), requests keep only the code and no free text,
 * and booked calendar events lose their titles. The audit trail is append-only and never held
 * identity: it keeps codes, the client's own IP and browser in it were sealed under the notes
 * key just destroyed (lib/audit/subject-context.ts), and it gains this tombstone.
 */
export async function eraseClient(actor: Actor, client: Client, reason: AuditDetails<"client.erased">["reason"], context: AuditContext, alsoInTransaction?: (tx: Prisma.TransactionClient) => Promise<void>) {
  // Every statement is scoped to the actor's practice: a client of another practice is not found.
  const practiceId = actor.practiceId;
  if (client.practiceId !== practiceId) throw notFound("That client");
  const requestIds = (await db().dataRequest.findMany({ where: { clientId: client.id, practiceId }, select: { id: true } })).map((r) => r.id);
  const counts = await db().$transaction(async (tx) => {
    await tx.clientNotesKey.deleteMany({ where: { clientId: client.id, client: { practiceId } } });
    const notes = await tx.note.count({ where: { clientId: client.id, practiceId } });
    await tx.dataExport.deleteMany({ where: { clientId: client.id, request: { practiceId } } });
    await tx.dataRequest.updateMany({ where: { clientId: client.id, practiceId, extensionReason: { not: null } }, data: { extensionReason: ERASED_EXTENSION_REASON } });
    await tx.dataRequest.updateMany({ where: { clientId: client.id, practiceId }, data: FORGOTTEN_REQUEST_FIELDS });
    await forgetTitlesBookedFor(tx, practiceId, client.id);
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
    // What the caller records about the erasure (an erasure request closing) commits with it or not at all.
    if (alsoInTransaction) await alsoInTransaction(tx);
    // Kept outside the database, so a restore from before now re-applies it (lib/backup/).
    await recordErasure({ practiceId, clientId: client.id, clientCode: client.code, actorId: actor.userId, actorRole: actor.role, reason });
    return { notes };
  });
  // After the clinical commit: the identity (and its key) leave the vault.
  await destroyIdentity({ id: client.id, practiceId });
  for (const id of requestIds) await destroyRequestContact(practiceId, id);
  // Invoices are kept for their legal period (Art. 17(3)(b)); those already past it go now.
  await destroyExpiredInvoices(practiceId, { clientId: client.id });
  return counts;
}
