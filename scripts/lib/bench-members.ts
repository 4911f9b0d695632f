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

/** A bench practice with `count` clinicians (its owner first, then therapists) and its built-in session type. */
export async function benchPracticeWithClinicians(prisma: Prisma, domain: string, count: number) {
  const practice = await prisma.practice.create({ data: { name: "Bench practice" } });
  const sessionType = await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: practice.id, category: "SESSION" } });
  const actorFor = benchMembers(prisma, practice, domain);
  const clinicians = [await actorFor("OWNER", 0)];
  for (let i = 1; i < count; i++) clinicians.push(await actorFor("THERAPIST", i));
  return { practice, sessionType, owner: clinicians[0]!, clinicians };
}
