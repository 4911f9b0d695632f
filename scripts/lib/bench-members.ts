// Members for the benchmark scripts: a user, a membership and a live session, as the Actor the
// lib/ operations take (stepped up just now).
import type { Actor } from "../../lib/auth/actor";
import type { createPrismaClient } from "../../lib/db/prisma";

type Prisma = ReturnType<typeof createPrismaClient>;

export function benchMembers(prisma: Prisma, practice: { id: string; name: string }, domain: string) {
  return async (role: Actor["role"], i: number): Promise<Actor> => {
    const user = await prisma.user.create({ data: { email: `bench-${role.toLowerCase()}-${i}@${domain}`, displayName: `Clinician ${i}`, passwordHash: "x" } });
    const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    return { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId: practice.id, practiceName: practice.name, stepUpAt: new Date() };
  };
}
