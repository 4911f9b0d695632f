import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/** The members of the actor's own practice, owners first. */
export async function listMembers(actor: Actor) {
  const members = await db().membership.findMany({
    where: { practiceId: actor.practiceId, removedAt: null },
    select: { id: true, userId: true, role: true, createdAt: true, user: { select: { displayName: true, email: true, totpEnabledAt: true, _count: { select: { passkeys: true } } } } },
  });
  const order = { OWNER: 0, THERAPIST: 1, MANAGER: 2 } as const;
  return members.sort((a, b) => order[a.role] - order[b.role] || a.user.displayName.localeCompare(b.user.displayName));
}
