import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { portalCookieName, sessionCookieName } from "@/lib/auth/cookie-names";
import { resolveSessionState, type AccountHolder, type Actor, type LockScreen, type Operator, type PlatformAccess, type SessionState } from "@/lib/auth/actor";
import { memberAsOperator, recordPlatformAccessDenied } from "@/lib/platform/access";
import { resolvePortalSession, type PortalClient, type PortalSessionState } from "@/lib/portal/session";
import { requestAuditContext } from "./context";

// Who is calling: read once per request from the cookies, then asked by pages, actions and
// route handlers alike. The rules (what a session row means) live in lib/auth and lib/portal.

/** Where this browser stands with its staff session (see SessionState). */
export const sessionState = cache(async (): Promise<SessionState> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return { kind: "none" };
  const token = await decode({ token: raw, secret: config().AUTH_SECRET }).catch(() => null);
  return resolveSessionState(typeof token?.sid === "string" ? token.sid : null);
});

/** Where this browser stands with its portal session. */
export const portalSessionState = cache(async (): Promise<PortalSessionState> => resolvePortalSession((await cookies()).get(portalCookieName())?.value));

/**
 * The fully signed-in member, or null. With `duringEnrolment`, also a member who must first set
 * up a second factor (to let them do so).
 */
export async function currentActor(opts: { duringEnrolment?: boolean } = {}): Promise<Actor | null> {
  const state = await sessionState();
  if (state.kind === "member" || (state.kind === "enrolment" && opts.duringEnrolment)) return state.actor;
  return null;
}

/**
 * For pages and form actions behind sign-in: the actor, or a redirect to where they must go
 * first (the second sign-in step, or two-factor enrolment when the practice requires it).
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

/** Whether this member must set up a second factor before anything else (their practice requires one). */
export async function mustEnrolSecondFactor(): Promise<boolean> {
  return (await sessionState()).kind === "enrolment";
}

/** For what any signed-in account may do for itself (stepping up, the signed-in shell). */
export async function currentAccountHolder(): Promise<{ holder: AccountHolder; platform: PlatformAccess; lock: LockScreen } | null> {
  const state = await sessionState();
  if (state.kind === "member") return { holder: state.actor, platform: state.platform, lock: state.lock };
  if (state.kind === "enrolment") return { holder: state.actor, platform: "none", lock: state.lock };
  if (state.kind === "operator") return { holder: state.operator, platform: "granted", lock: state.lock };
  return null;
}

/** As currentAccountHolder, for pages and actions: sends anyone else where they must go first. */
export async function requireAccountHolder(): Promise<{ holder: AccountHolder; platform: PlatformAccess; lock: LockScreen }> {
  const signedIn = await currentAccountHolder();
  if (signedIn) return signedIn;
  if ((await sessionState()).kind === "second-factor") redirect("/sign-in/verify");
  redirect("/sign-in");
}

/** The platform operator, or null (no operator, or a member operator without a second factor). */
export async function currentOperator(): Promise<Operator | null> {
  const state = await sessionState();
  if (state.kind === "operator") return state.operator;
  if (state.kind === "member" && state.platform === "granted") return memberAsOperator(state.actor);
  return null;
}

/**
 * For every platform page and action: the signed-in operator, acting for the platform. Anyone
 * else gets a 404, recorded, as if the screens did not exist; those not fully signed in are
 * sent to sign in first.
 */
export async function requireOperator(): Promise<Operator> {
  const operator = await currentOperator();
  if (operator) return operator;
  const state = await sessionState();
  if (state.kind === "none") redirect("/sign-in");
  if (state.kind === "second-factor") redirect("/sign-in/verify");
  if (state.kind === "member" || state.kind === "enrolment") {
    await recordPlatformAccessDenied(state.actor, state.kind === "member" ? state.platform : "enrolling", await requestAuditContext());
  }
  notFound();
}

/** The signed-in portal client, or null (no cookie, ended, idle, expired, practice paused). */
export async function currentPortalClient(): Promise<PortalClient | null> {
  const state = await portalSessionState();
  return state.kind === "client" ? state.client : null;
}

export type { AccountHolder, Actor, LockScreen, Operator, PlatformAccess, SessionState } from "@/lib/auth/actor";
export type { PortalClient } from "@/lib/portal/session";
