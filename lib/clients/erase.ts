import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import type { Client } from "@/lib/generated/prisma/client";
import { forgetTitlesBookedFor } from "@/lib/calendar-import/erase";
import { destroyIdentity } from "@/lib/vault/identity";
import { destroyRequestContact } from "@/lib/vault/request-contact";

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
export async function eraseClient(actor: Actor, client: Client, reason: string, context: AuditContext) {
  const requestIds = (await db().dataRequest.findMany({ where: { clientId: client.id }, select: { id: true } })).map((r) => r.id);
  const counts = await db().$transaction(async (tx) => {
    await tx.clientNotesKey.deleteMany({ where: { clientId: client.id } });
    const notes = await tx.note.count({ where: { clientId: client.id } });
    await tx.dataExport.deleteMany({ where: { clientId: client.id } });
    await tx.dataRequest.updateMany({ where: { clientId: client.id, extensionReason: { not: null } }, data: { extensionReason: ERASED_EXTENSION_REASON } });
    await tx.dataRequest.updateMany({ where: { clientId: client.id }, data: FORGOTTEN_REQUEST_FIELDS });
    await forgetTitlesBookedFor(tx, client.practiceId, client.id);
    await tx.client.delete({ where: { id: client.id } });
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
  await destroyIdentity(client.id);
  for (const id of requestIds) await destroyRequestContact(id);
  return counts;
}
