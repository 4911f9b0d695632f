import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { openSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { createTestMemberSchema, endTestMembersSchema, type CreateTestMemberInput } from "./schema";

// Members for the e2e suites, made without the UI (like Cal.com's users.create()): a practice of
// their own (or an existing test practice), an account with a fresh password, and a real
// Session row, exactly what a password sign-in opens. Reached only through /api/test/members,
// which lib/test-api/access.ts keeps shut outside a local test setup.

export interface TestMember {
  email: string;
  password: string;
  displayName: string;
  practiceId: string;
  userId: string;
  membershipId: string;
  /** The signed-in session, when one was asked for. */
  sessionId: string | null;
}

/** `userAgent`: the browser the suite will put the session cookie in (sessions list their device). */
export async function createTestMember(input: CreateTestMemberInput, userAgent: string | null = null): Promise<TestMember> {
  const { role, practiceId, requireTwoFactor, signedIn } = createTestMemberSchema.parse(input);
  const tag = randomBytes(4).toString("hex");
  const password = `e2e-password-${tag}-long`;
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const practice = practiceId
      ? await tx.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { id: true } })
      : await tx.practice.create({
          data: requireTwoFactor
            ? { name: `E2E Practice ${tag}` }
            : { name: `E2E Practice ${tag}`, requireTwoFactor: false, twoFactorRelaxedReason: "End-to-end test practice without 2FA" },
          select: { id: true },
        });
    const user = await tx.user.create({ data: { email: `member-${tag}@e2e.confide.test`, displayName: `Tester ${tag}`, passwordHash } });
    const membership = await tx.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    // As a password sign-in by a member with no second factor: the password proved it all.
    const session = signedIn
      ? await openSession(tx, { userId: user.id, membershipId: membership.id, userAgent, fullyAuthenticated: true })
      : null;
    return { email: user.email, password, displayName: user.displayName, practiceId: practice.id, userId: user.id, membershipId: membership.id, sessionId: session?.id ?? null };
  });
}

/**
 * Ends what a test made: every session of these test accounts is revoked, so nothing it signed
 * in stays usable. The rows themselves stay: the audit trail is append-only and refers to them.
 * Only accounts this API made (…@e2e.confide.test) are touched. Returns how many sessions ended.
 */
export async function endTestMembers(input: unknown): Promise<number> {
  const { userIds } = endTestMembersSchema.parse(input);
  const { count } = await db().session.updateMany({
    where: { userId: { in: userIds }, revokedAt: null, user: { email: { endsWith: "@e2e.confide.test" } } },
    data: { revokedAt: new Date() },
  });
  return count;
}
