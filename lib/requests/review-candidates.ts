import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { DataRequest } from "@/lib/generated/prisma/client";

/** Who may be assigned a request: owners, and therapists assigned to the request's client. */
export async function reviewCandidates(actor: Actor, request: Pick<DataRequest, "clientId">) {
  return db().membership.findMany({
    where: {
      practiceId: actor.practiceId,
      removedAt: null,
      OR: [{ role: "OWNER" }, ...(request.clientId ? [{ role: "THERAPIST" as const, assignments: { some: { clientId: request.clientId } } }] : [])],
    },
    select: { id: true, role: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}
