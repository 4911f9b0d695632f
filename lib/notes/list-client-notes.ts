import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { memberNames } from "./load-note";

/** The client timeline: clinical notes, plus the actor's own process notes (marked as such); discarded drafts stay listed, marked, for their history. */
export async function listClientNotes(actor: Actor, access: ClientAccess) {
  if (!access.canSeeNoteList) return [];
  const notes = await db().note.findMany({
    where: { clientId: access.client.id, OR: [{ kind: "CLINICAL" }, { kind: "PROCESS", authorId: actor.membershipId }] },
    orderBy: [{ sessionDate: "desc" }, { createdAt: "desc" }],
    select: { id: true, kind: true, template: true, layout: true, discardedAt: true, sessionDate: true, status: true, wordCount: true, authorId: true, updatedAt: true, signedAt: true, _count: { select: { addenda: true } } },
  });
  const names = await memberNames(notes.map((n) => n.authorId));
  return notes.map((n) => ({ ...n, authorName: names.get(n.authorId) ?? "Former member", addenda: n._count.addenda }));
}
