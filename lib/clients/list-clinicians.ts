import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/** Who may be assigned: the practice's clinicians (owners and therapists). */
export async function listClinicians(actor: Actor) {
  return db().membership.findMany({
    where: { practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
    select: { id: true, role: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}
