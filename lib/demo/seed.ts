// The demo practice: three members sharing one password, no 2FA. Idempotent: running it again
// leaves one practice and three members. Clients, notes and appointments: lib/demo/records.ts.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "confide-demo-password";
export const DEMO_PRACTICE_ID = "00000000-0000-4000-8000-00000000de30";
export const DEMO_MEMBERS = [
  { email: "owner@demo.confide.test", displayName: "Dr Alex Morgan", role: "OWNER" },
  { email: "therapist@demo.confide.test", displayName: "Sam Taylor", role: "THERAPIST" },
  { email: "manager@demo.confide.test", displayName: "Jo Patel", role: "MANAGER" },
] as const;

const demoTwoFactorPolicy = {
  requireTwoFactor: false,
  twoFactorRelaxedReason: "Demo practice: the shared demo accounts are for evaluation and have no second factor.",
};

export async function seedDemo(prisma: PrismaClient): Promise<{ created: number }> {
  await prisma.practice.upsert({
    where: { id: DEMO_PRACTICE_ID },
    // Shared demo accounts cannot hold a second factor; the practice says why it relaxed the rule.
    create: { id: DEMO_PRACTICE_ID, name: "Demo Counselling Practice", timeZone: "Europe/London", ...demoTwoFactorPolicy },
    update: demoTwoFactorPolicy,
  });
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const member of DEMO_MEMBERS) {
    const existing = await prisma.user.findUnique({ where: { email: member.email } });
    const user =
      existing ??
      (await prisma.user.create({ data: { email: member.email, displayName: member.displayName, passwordHash } }));
    if (!existing) created++;
    await prisma.membership.upsert({
      where: { practiceId_userId: { practiceId: DEMO_PRACTICE_ID, userId: user.id } },
      create: { practiceId: DEMO_PRACTICE_ID, userId: user.id, role: member.role },
      update: {},
    });
  }
  return { created };
}
