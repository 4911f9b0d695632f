import "server-only";
import { isOperatorEmail, OPERATOR_ROLE } from "@/lib/platform/operators";
import { hasSecondFactor } from "./second-factor";
import { DEFAULT_IDLE_TIMEOUT_MINUTES, loadActiveSession } from "./sessions";

// Who is calling, as the domain sees it: the Actor (a member acting in their practice), the
// Operator (acting for the platform) and what a session row makes of a browser. Framework-free:
// lib/entry/caller.ts reads the cookies and asks resolveSessionState.

export type MemberRole = "OWNER" | "THERAPIST" | "MANAGER";

export interface Actor {
  sessionId: string;
  userId: string;
  displayName: string;
  membershipId: string;
  role: MemberRole;
  practiceId: string;
  practiceName: string;
  /** When this session last proved the member's identity in full (sign-in or step-up). */
  stepUpAt: Date | null;
}

/**
 * A platform operator acting for the platform, never inside a practice: no practice id, so
 * audit events go on the platform chain. Either a session with no practice (an operator who
 * is no member anywhere) or a member's session whose account is also an operator's.
 */
export interface Operator {
  sessionId: string;
  userId: string;
  displayName: string;
  practiceId: null;
  role: typeof OPERATOR_ROLE;
  stepUpAt: Date | null;
}

/** What the idle lock screen needs (read with the session row, so pages ask for nothing more). */
export interface LockScreen {
  idleTimeoutMinutes: number;
  hasTotp: boolean;
  hasPasskey: boolean;
}

/** Whether a member's account may use the platform screens: operators need a second factor. */
export type PlatformAccess = "none" | "granted" | "needs-second-factor";

/**
 * Where this browser stands:
 * - `none`: not signed in (or the session ended);
 * - `second-factor`: the password was right, the second factor is still owed;
 * - `enrolment`: signed in, but the practice requires a second factor (an authenticator app or
 *   a passkey) and the member has neither;
 * - `member`: fully signed in (`platform` says whether the account is also an operator's);
 * - `operator`: fully signed in as a platform operator with no practice.
 */
export type SessionState =
  | { kind: "none" }
  | { kind: "second-factor"; sessionId: string }
  | { kind: "enrolment"; actor: Actor; lock: LockScreen }
  | { kind: "member"; actor: Actor; platform: PlatformAccess; lock: LockScreen }
  | { kind: "operator"; operator: Operator; lock: LockScreen };

/**
 * What the session row named by a session cookie's `sid` makes of this browser. Framework-free:
 * lib/entry/caller.ts reads the cookie and asks this.
 */
export async function resolveSessionState(sid: string | null): Promise<SessionState> {
  if (!sid) return { kind: "none" };
  const session = await loadActiveSession(sid);
  if (!session) return { kind: "none" };
  const secondFactor = hasSecondFactor(session.user);
  const operator = isOperatorEmail(session.user.email);
  // A session with no practice exists only for operators, who always have a second factor.
  if (!session.membership && !(operator && secondFactor)) return { kind: "none" };
  if (secondFactor && !session.mfaVerifiedAt) return { kind: "second-factor", sessionId: session.id };
  // An operator with no practice gets the default timeout.
  const lock: LockScreen = {
    idleTimeoutMinutes: session.membership?.practice.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES,
    hasTotp: session.user.totpEnabledAt !== null,
    hasPasskey: session.user._count.passkeys > 0,
  };
  if (!session.membership) {
    return {
      kind: "operator",
      lock,
      operator: { sessionId: session.id, userId: session.userId, displayName: session.user.displayName, practiceId: null, role: OPERATOR_ROLE, stepUpAt: session.stepUpAt },
    };
  }
  const actor: Actor = {
    sessionId: session.id,
    userId: session.userId,
    displayName: session.user.displayName,
    membershipId: session.membership.id,
    role: session.membership.role,
    practiceId: session.membership.practiceId,
    practiceName: session.membership.practice.name,
    stepUpAt: session.stepUpAt,
  };
  if (session.membership.practice.requireTwoFactor && !secondFactor) return { kind: "enrolment", actor, lock };
  return { kind: "member", actor, lock, platform: !operator ? "none" : secondFactor ? "granted" : "needs-second-factor" };
}

/** Who is signed in, as far as their own account goes: a member (or one enrolling) or an operator. */
export type AccountHolder = Actor | Operator;
