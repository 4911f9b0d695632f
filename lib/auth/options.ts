import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { createSession, revokeSession, ABSOLUTE_TIMEOUT_MS } from "./sessions";

// next-auth handles cookies and CSRF; the cookie's JWT carries only our Session row id (`sid`),
// which every request checks, so sessions stay revocable (see lib/auth/current.ts).
export function sessionCookieName(): string {
  return `${process.env.NODE_ENV === "production" ? "__Host-" : ""}confide.session`;
}

function cookies(): NextAuthOptions["cookies"] {
  const secure = process.env.NODE_ENV === "production";
  const options = { httpOnly: true, sameSite: "strict" as const, path: "/", secure };
  const prefix = secure ? "__Host-" : "";
  return {
    sessionToken: { name: sessionCookieName(), options },
    callbackUrl: { name: `${prefix}confide.callback-url`, options },
    csrfToken: { name: `${prefix}confide.csrf`, options },
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
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const user = await db().user.findUnique({
            where: { email: parsed.data.email },
            include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } },
          });
          // Same work, same answer, whether or not the email has an account.
          const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
          if (!user || !ok) return null;
          const userAgent = (req.headers?.["user-agent"] as string | undefined) ?? null;
          const session = await createSession(user.id, user.memberships[0]?.id ?? null, userAgent);
          return { id: user.id, sid: session.id };
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
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
    logger: {
      error: (code) => console.error(JSON.stringify({ level: "error", source: "next-auth", code })),
      warn: (code) => console.warn(JSON.stringify({ level: "warn", source: "next-auth", code })),
      debug: () => {},
    },
  };
}
