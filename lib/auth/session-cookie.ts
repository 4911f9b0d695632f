import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { sessionCookieName } from "./options";
import { ABSOLUTE_TIMEOUT_MS } from "./sessions";

const maxAge = ABSOLUTE_TIMEOUT_MS / 1000;

/**
 * The session cookie for a session row, as next-auth writes it: a JWT carrying `sid`, HttpOnly,
 * SameSite=Strict, and Secure with the __Host- prefix in production.
 */
export async function sessionCookie(userId: string, sessionId: string) {
  return {
    name: sessionCookieName(),
    value: await encode({ token: { sub: userId, sid: sessionId }, secret: config().AUTH_SECRET, maxAge }),
    options: { httpOnly: true, sameSite: "strict" as const, secure: process.env.NODE_ENV === "production", path: "/", maxAge },
  };
}

/** Points this browser at a new session row (rotation after a privilege change). */
export async function issueSessionCookie(userId: string, sessionId: string) {
  const { name, value, options } = await sessionCookie(userId, sessionId);
  (await cookies()).set(name, value, options);
}
