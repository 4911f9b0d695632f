import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { isOperatorEmail, OPERATOR_ROLE } from "@/lib/platform/operators";
import { sessionCookieName } from "./options";
import { hasSecondFactor } from "./second-factor";
import { loadActiveSession } from "./sessions";

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
  | { kind: "enrolment"; actor: Actor }
  | { kind: "member"; actor: Actor; platform: PlatformAccess }
  | { kind: "operator"; operator: Operator };

export const sessionState = cache(async (): Promise<SessionState> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return { kind: "none" };
  const token = await decode({ token: raw, secret: config().AUTH_SECRET }).catch(() => null);
  if (typeof token?.sid !== "string") return { kind: "none" };
  const session = await loadActiveSession(token.sid);
  if (!session) return { kind: "none" };
  const secondFactor = hasSecondFactor(session.user);
  const operator = isOperatorEmail(session.user.email);
  // A session with no practice exists only for operators, who always have a second factor.
  if (!session.membership && !(operator && secondFactor)) return { kind: "none" };
  if (secondFactor && !session.mfaVerifiedAt) return { kind: "second-factor", sessionId: session.id };
  if (!session.membership) {
    return {
      kind: "operator",
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
  if (session.membership.practice.requireTwoFactor && !secondFactor) return { kind: "enrolment", actor };
  return { kind: "member", actor, platform: !operator ? "none" : secondFactor ? "granted" : "needs-second-factor" };
});

/**
 * The fully signed-in member, or null: what route handlers and server actions act for. With
 * `duringEnrolment`, also a member who must first set up a second factor (to let them do so).
 */
export async function currentActor(opts: { duringEnrolment?: boolean } = {}): Promise<Actor | null> {
  const state = await sessionState();
  if (state.kind === "member" || (state.kind === "enrolment" && opts.duringEnrolment)) return state.actor;
  return null;
}

/**
 * For pages and actions behind sign-in: the actor, or a redirect to where they must go first
 * (the second sign-in step, or two-factor enrolment when the practice requires it).
 */
export async function requireActor(opts: { duringEnrolment?: boolean } = {}): Promise<Actor> {
  const state = await sessionState();
  if (state.kind === "member") return state.actor;
  if (state.kind === "enrolment") {
    if (opts.duringEnrolment) return state.actor;
    redirect("/settings/two-factor");
  }
  if (state.kind === "second-factor") redirect("/sign-in/verify");
  // An operator with no practice has only the platform screens.
  if (state.kind === "operator") redirect("/platform");
  redirect("/sign-in");
}

/** Who is signed in, as far as their own account goes: a member (or one enrolling) or an operator. */
export type AccountHolder = Actor | Operator;

/**
 * For what any signed-in account may do for itself (stepping up, the signed-in shell): the
 * member (also during enrolment) or the operator, or null.
 */
export async function currentAccountHolder(): Promise<{ holder: AccountHolder; platform: PlatformAccess } | null> {
  const state = await sessionState();
  if (state.kind === "member") return { holder: state.actor, platform: state.platform };
  if (state.kind === "enrolment") return { holder: state.actor, platform: "none" };
  if (state.kind === "operator") return { holder: state.operator, platform: "granted" };
  return null;
}

/** As currentAccountHolder, for pages and actions: sends anyone else where they must go first. */
export async function requireAccountHolder(): Promise<{ holder: AccountHolder; platform: PlatformAccess }> {
  const signedIn = await currentAccountHolder();
  if (signedIn) return signedIn;
  if ((await sessionState()).kind === "second-factor") redirect("/sign-in/verify");
  redirect("/sign-in");
}
