import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { config } from "@/lib/config";
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
 * Where this browser stands:
 * - `none`: not signed in (or the session ended);
 * - `second-factor`: the password was right, the second factor is still owed;
 * - `enrolment`: signed in, but the practice requires a second factor (an authenticator app or
 *   a passkey) and the member has neither;
 * - `member`: fully signed in.
 */
export type SessionState =
  | { kind: "none" }
  | { kind: "second-factor"; sessionId: string }
  | { kind: "enrolment"; actor: Actor }
  | { kind: "member"; actor: Actor };

export const sessionState = cache(async (): Promise<SessionState> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return { kind: "none" };
  const token = await decode({ token: raw, secret: config().AUTH_SECRET }).catch(() => null);
  if (typeof token?.sid !== "string") return { kind: "none" };
  const session = await loadActiveSession(token.sid);
  if (!session?.membership) return { kind: "none" };
  const secondFactor = hasSecondFactor(session.user);
  if (secondFactor && !session.mfaVerifiedAt) return { kind: "second-factor", sessionId: session.id };
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
  return { kind: "member", actor };
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
  redirect("/sign-in");
}
