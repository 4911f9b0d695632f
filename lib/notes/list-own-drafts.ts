import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/** The actor's own unsigned clinical drafts, oldest session first (metadata only). */
export async function listOwnDrafts(actor: Actor) {
  return db().note.findMany({
    where: { authorId: actor.membershipId, practiceId: actor.practiceId, status: "DRAFT", kind: "CLINICAL", discardedAt: null },
    orderBy: { sessionDate: "asc" },
    take: 50,
    select: { id: true, sessionDate: true, template: true, layout: true, wordCount: true, client: { select: { code: true, label: true } } },
  });
}
