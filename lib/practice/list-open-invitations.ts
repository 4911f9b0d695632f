import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { requireOwner } from "./owner-guards";

/** The practice's invitations still waiting to be accepted, newest first. */
export async function listOpenInvitations(actor: Actor) {
  requireOwner(actor);
  return db().invitation.findMany({
    where: { practiceId: actor.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}
