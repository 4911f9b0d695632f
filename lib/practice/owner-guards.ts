import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden } from "@/lib/http/errors";

// The checks the owners' member operations share.

export function requireOwner(actor: Actor) {
  if (actor.role !== "OWNER") throw forbidden();
}

export async function assertAnotherOwnerRemains(tx: Prisma.TransactionClient, practiceId: string, leavingMembershipId: string) {
  // Lock the practice's owners so two owners cannot demote each other at the same moment.
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM membership WHERE "practiceId" = ${practiceId}::uuid AND role = 'OWNER' AND "removedAt" IS NULL FOR UPDATE`;
  if (!owners.some((o) => o.id !== leavingMembershipId)) {
    throw new AppError("last_owner", "A practice always needs at least one owner. Make someone else an owner first.", 409);
  }
}
