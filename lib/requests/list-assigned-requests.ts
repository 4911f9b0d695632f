import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/** Requests assigned to a clinician who is not an owner (they open them from their overview). */
export async function listAssignedRequests(actor: Actor) {
  return db().dataRequest.findMany({ where: { practiceId: actor.practiceId, assigneeId: actor.membershipId, status: "OPEN" }, orderBy: { dueOn: "asc" } });
}
