import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/current";
import type { createPrismaClient } from "@/lib/db/prisma";

/** A signed-in member of a practice, made straight in the database (user, membership, session). */
export async function testMember(prisma: ReturnType<typeof createPrismaClient>, practiceId: string, role: Actor["role"], tag: string): Promise<Actor & { email: string }> {
  const email = `${tag}-${randomBytes(3).toString("hex")}@members.test`;
  const user = await prisma.user.create({ data: { email, displayName: `${role} ${tag}`, passwordHash: "x" } });
  const membership = await prisma.membership.create({ data: { practiceId, userId: user.id, role } });
  const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const { name } = await prisma.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { name: true } });
  return { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId, practiceName: name, stepUpAt: new Date(), email };
}
