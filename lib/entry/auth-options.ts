import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { auditContextFromHeaders } from "@/lib/audit/context";
import { callbackCookieName, csrfCookieName, sessionCookieName } from "@/lib/auth/cookie-names";
import { requestAuditContext } from "./context";
import { config } from "@/lib/config";
import { ABSOLUTE_TIMEOUT_MS } from "@/lib/auth/sessions";
import { SIGN_IN_LOCKED, SIGN_IN_UNAVAILABLE } from "@/lib/auth/schema";
import { signInWithPasskey } from "@/lib/auth/passkeys/sign-in";
import { signInWithPassword, signOutSession, type SignInResult } from "@/lib/auth/sign-in";

const noContext = { requestId: null, ip: null, userAgent: null };

/** What next-auth's authorize() makes of a sign-in result: a user with our session id, or a refusal. */
function authorized(result: SignInResult) {
  if (result.ok) return { id: result.userId, sid: result.sessionId };
  // next-auth hands a thrown message to the sign-in form as `error`.
  if (result.reason === "locked") throw new Error(SIGN_IN_LOCKED);
  if (result.reason === "unavailable") throw new Error(SIGN_IN_UNAVAILABLE);
  return null;
}

const contextOf = (req: { headers?: unknown }) => auditContextFromHeaders(new Headers(req.headers as Record<string, string>));

function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? "");
  } catch {
    return null;
  }
}

// next-auth handles cookies and CSRF; the cookie's JWT carries only our Session row id (`sid`),
// which every request checks, so sessions stay revocable (see lib/entry/caller.ts).
function cookies(): NextAuthOptions["cookies"] {
  const options = { httpOnly: true, sameSite: "strict" as const, path: "/", secure: process.env.NODE_ENV === "production" };
  return {
    sessionToken: { name: sessionCookieName(), options },
    callbackUrl: { name: callbackCookieName(), options },
    csrfToken: { name: csrfCookieName(), options },
  };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
    cookies: cookies(),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          return authorized(await signInWithPassword(credentials, contextOf(req)));
        },
      }),
      // A passkey alone: the browser's WebAuthn answer (JSON) to a challenge from /api/webauthn/authenticate.
      CredentialsProvider({
        id: "passkey",
        name: "Passkey",
        credentials: { response: { type: "text" } },
        async authorize(credentials, req) {
          return authorized(await signInWithPasskey(parseJson(credentials?.response), contextOf(req)));
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: (user as { sid?: string }).sid };
        return token;
      },
      session({ session }) {
        // Nothing about the user travels to the browser through next-auth.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOutSession(token.sid, await requestAuditContext().catch(() => noContext));
      },
    },
    logger: {
      error: (code) => console.error(JSON.stringify({ level: "error", source: "next-auth", code })),
      warn: (code) => console.warn(JSON.stringify({ level: "warn", source: "next-auth", code })),
      debug: () => {},
    },
  };
}
