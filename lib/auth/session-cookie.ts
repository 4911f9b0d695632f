import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { sessionCookieName } from "./options";
import { ABSOLUTE_TIMEOUT_MS } from "./sessions";

/** Points this browser at a new session row (rotation after a privilege change). */
export async function issueSessionCookie(userId: string, sessionId: string) {
  const maxAge = ABSOLUTE_TIMEOUT_MS / 1000;
  const token = await encode({ token: { sub: userId, sid: sessionId }, secret: config().AUTH_SECRET, maxAge });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "strict",
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge,
  });
}
