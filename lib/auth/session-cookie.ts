import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { sessionCookieName } from "./options";
import { ABSOLUTE_TIMEOUT_MS } from "./sessions";

const maxAge = ABSOLUTE_TIMEOUT_MS / 1000;

/** The session cookie's value for a session row, as next-auth writes it (a JWT carrying `sid`). */
export function sessionCookieValue(userId: string, sessionId: string): Promise<string> {
  return encode({ token: { sub: userId, sid: sessionId }, secret: config().AUTH_SECRET, maxAge });
}

/** Points this browser at a new session row (rotation after a privilege change). */
export async function issueSessionCookie(userId: string, sessionId: string) {
  const token = await sessionCookieValue(userId, sessionId);
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "strict",
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge,
  });
}
