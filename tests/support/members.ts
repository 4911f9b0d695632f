import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/current";
import type { createPrismaClient } from "@/lib/db/prisma";

/** A new user, member of the practice with this role, with a live session, stepped up just now. */
export async function signedInMember(prisma: ReturnType<typeof createPrismaClient>, practice: { id: string; name: string }, role: Actor["role"], tag: string, domain: string): Promise<Actor> {
  const user = await prisma.user.create({ data: { email: `${tag}-${randomBytes(3).toString("hex")}@${domain}`, displayName: `${role} ${tag}`, passwordHash: "x" } });
  const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
  const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId: practice.id, practiceName: practice.name, stepUpAt: new Date() };
}
