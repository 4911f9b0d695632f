import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { portalCookieName, sessionCookieName } from "@/lib/auth/cookie-names";
import { ABSOLUTE_TIMEOUT_MS } from "@/lib/auth/sessions";
import { PORTAL_ABSOLUTE_MS } from "@/lib/portal/session";
import { FLASH_COOKIE } from "@/lib/http/flash-cookie";

// Every cookie Confide sets outside next-auth, in one place: HttpOnly (but the flash), SameSite
// strict, Secure in production.

const secure = () => process.env.NODE_ENV === "production";

/**
 * The session cookie for a session row, as next-auth writes it: a JWT carrying `sid`, HttpOnly,
 * SameSite=Strict, and Secure with the __Host- prefix in production.
 */
export async function sessionCookie(userId: string, sessionId: string) {
  const maxAge = ABSOLUTE_TIMEOUT_MS / 1000;
  return {
    name: sessionCookieName(),
    value: await encode({ token: { sub: userId, sid: sessionId }, secret: config().AUTH_SECRET, maxAge }),
    options: { httpOnly: true, sameSite: "strict" as const, secure: secure(), path: "/", maxAge },
  };
}

/** Points this browser at a staff session row (after sign-in steps, and rotation after a privilege change). */
export async function issueSessionCookie(userId: string, sessionId: string) {
  const { name, value, options } = await sessionCookie(userId, sessionId);
  (await cookies()).set(name, value, options);
}

/** Hands this browser a portal session token (only its hash is stored). */
export async function setPortalCookie(token: string) {
  (await cookies()).set(portalCookieName(), token, { httpOnly: true, sameSite: "strict", secure: secure(), path: "/", maxAge: PORTAL_ABSOLUTE_MS / 1000 });
}

export async function clearPortalCookie() {
  (await cookies()).delete(portalCookieName());
}

/** Leaves a short message for the next page the user sees (no personal data: it sits in a cookie). */
export async function flash(message: string) {
  (await cookies()).set(FLASH_COOKIE, encodeURIComponent(message), {
    path: "/",
    sameSite: "strict",
    maxAge: 60,
    secure: secure(),
    httpOnly: false, // the Toaster reads and clears it
  });
}
