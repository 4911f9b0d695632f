import "server-only";
import type { MemberRole } from "@/lib/generated/prisma/client";
import { practiceIsActive } from "@/lib/platform/active";
import { isOperatorEmail } from "@/lib/platform/operators";
import { hasSecondFactor } from "./second-factor";

/** What sign-in loads about an account to decide where its session goes. */
export const signInUserInclude = {
  memberships: { where: { removedAt: null }, orderBy: { createdAt: "asc" }, include: { practice: { select: { suspendedAt: true } } } },
  _count: { select: { passkeys: true } },
} as const;

interface SignInUser {
  email: string;
  totpEnabledAt: Date | null;
  _count: { passkeys: number };
  memberships: { id: string; practiceId: string; role: MemberRole; practice: { suspendedAt: Date | null } }[];
}

export type SignInTarget =
  /** A session in this practice. */
  | { kind: "member"; membership: { id: string; practiceId: string; role: MemberRole } }
  /** No practice to enter, but a platform operator with a second factor: a session with no practice. */
  | { kind: "operator" }
  /** Every practice the account belongs to is suspended (checked only once the credentials proved right). */
  | { kind: "suspended"; membership: { practiceId: string; role: MemberRole } }
  /** Nowhere to go: no practice, and not an operator (or an operator without a second factor). */
  | { kind: "none" };

/**
 * The one rule for where a signed-in account lands: its oldest membership in a practice that is
 * not suspended; else, for a platform operator, a session with no practice (operators always
 * need a second factor, and an account with no practice cannot enrol one, so without it they are
 * refused); else a refusal.
 */
export function signInTarget(user: SignInUser): SignInTarget {
  const open = user.memberships.find((m) => practiceIsActive(m.practice));
  if (open) return { kind: "member", membership: open };
  if (isOperatorEmail(user.email) && hasSecondFactor(user)) return { kind: "operator" };
  const suspended = user.memberships[0];
  if (suspended) return { kind: "suspended", membership: suspended };
  return { kind: "none" };
}
