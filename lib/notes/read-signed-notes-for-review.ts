import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Client } from "@/lib/generated/prisma/client";
import { openForReading, type NoteView } from "./open-for-reading";

/**
 * The signed clinical notes of a client, decrypted for a serious-harm review; each read is
 * audited as a note.read like any other, with why (the request and, for an owner who is not
 * assigned to the client, the recorded reason key). The caller has checked that the actor may
 * read them for that purpose (see readNotesForHarmReview in lib/requests/harm-review.ts).
 */
export async function readSignedNotesForReview(actor: Actor, client: Client, why: { request: string; reason: string | null }, context: AuditContext): Promise<NoteView[]> {
  const notes = await db().note.findMany({ where: { clientId: client.id, practiceId: client.practiceId, kind: "CLINICAL", status: "SIGNED" }, orderBy: [{ sessionDate: "asc" }, { createdAt: "asc" }] });
  const views: NoteView[] = [];
  for (const note of notes) views.push(await openForReading(actor, client, note, context, why));
  return views;
}
