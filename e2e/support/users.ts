import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { hashPassword } from "../../lib/auth/password";
import { newTotpSecret, totpAad } from "../../lib/auth/totp";
import { accountSubkeyFrom, SUBKEY_ID } from "../../lib/crypto/account-keys";
import { encrypt } from "../../lib/crypto/aead";
import { createPrismaClient } from "../../lib/db/prisma";
import type { TestMember as ApiTestMember } from "../../lib/test-api/members";
import { e2eEnvFile, OPERATOR_EMAIL } from "./env";

// Members for e2e specs, made through the server's test-only API (app/api/test/members, open
// only to this suite: e2e/support/serve.ts starts the server with CONFIDE_TEST_API_SECRET), the
// way Cal.com's playwright fixtures do: `users.create()` for a member a spec signs in through
// the screens, `users.signedIn(page)` for one whose browser gets a real session cookie without
// them (for specs that test something else than signing in). Each test's sessions end after it.

type Role = "OWNER" | "THERAPIST" | "MANAGER";

/** What the test API answers for a member (lib/test-api/members.ts). */
export type TestMember = Omit<ApiTestMember, "sessionId">;

export interface MemberOptions {
  /** Join this practice instead of a new one of their own. */
  practiceId?: string;
  /** A new practice that requires a second factor (test practices relax it by default). */
  requireTwoFactor?: boolean;
}

export interface Users {
  /** A new member (by default the owner of a practice of their own), not signed in anywhere. */
  create(role?: Role, opts?: MemberOptions): Promise<TestMember>;
  /** A new member, signed in in `page`'s browser: a real Session row and its cookie, no screens. */
  signedIn(page: Page, role?: Role, opts?: MemberOptions): Promise<TestMember>;
}

const serverEnv = () => (JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { serverEnv: Record<string, string> }).serverEnv;
const secretHeader = () => ({ "x-confide-test-secret": serverEnv().CONFIDE_TEST_API_SECRET! });

async function answer<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`test API ${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The `users` fixture: what it makes is ended by `teardown()` after the test. */
export function testUsers(baseURL: string): Users & { teardown(): Promise<void> } {
  const made: string[] = [];
  const url = new URL("/api/test/members", baseURL).toString();
  const json = { "content-type": "application/json" };
  return {
    async create(role = "OWNER", opts = {}) {
      const body = JSON.stringify({ role, ...opts, signedIn: false });
      const { member } = await answer<{ member: TestMember }>(await fetch(url, { method: "POST", headers: { ...json, ...secretHeader() }, body }), "create");
      made.push(member.userId);
      return member;
    },
    async signedIn(page, role = "OWNER", opts = {}) {
      // The browser itself asks, so it stores the session cookie from the answer exactly as after
      // a sign-in (a __Host- cookie cannot be planted from outside), with its own User-Agent on
      // the session. It needs to be on the app's origin first: the health check is the lightest page.
      if (!page.url().startsWith(baseURL)) await page.goto("/api/health");
      const body = JSON.stringify({ role, ...opts, signedIn: true });
      const { status, text } = await page.evaluate(
        async ({ url, headers, body }) => {
          const response = await fetch(url, { method: "POST", headers, body, credentials: "same-origin" });
          return { status: response.status, text: await response.text() };
        },
        { url, headers: { ...json, ...secretHeader() }, body },
      );
      if (status !== 201) throw new Error(`test API sign-in answered ${status}: ${text}`);
      const { member } = JSON.parse(text) as { member: TestMember };
      made.push(member.userId);
      return member;
    },
    async teardown() {
      if (made.length === 0) return;
      await answer(await fetch(url, { method: "DELETE", headers: { ...json, ...secretHeader() }, body: JSON.stringify({ userIds: made }) }), "teardown");
    },
  };
}

/** Ages a member's step-up past its 5-minute window, as if they signed in a while ago. */
export async function expireStepUp(userId: string): Promise<void> {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  try {
    await prisma.session.updateMany({ where: { userId }, data: { stepUpAt: new Date(Date.now() - 10 * 60_000) } });
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * The e2e server's platform operator (OPERATOR_EMAIL): an account with no practice and an
 * authenticator already set up (operators always need a second factor). Made afresh each time,
 * with a new password and authenticator key, so a retried test starts clean.
 */
export async function createOperator(): Promise<{ email: string; password: string; userId: string; totpSecret: string }> {
  const { appUrl, accountSecretsKey } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string; accountSecretsKey: string };
  const prisma = createPrismaClient(appUrl, 1);
  const password = `e2e-operator-${randomBytes(4).toString("hex")}-long`;
  const totpSecret = newTotpSecret();
  try {
    const data = { displayName: "Olu Operator", passwordHash: await hashPassword(password), totpEnabledAt: new Date(), totpLastStep: null };
    const user = await prisma.user.upsert({ where: { email: OPERATOR_EMAIL }, create: { email: OPERATOR_EMAIL, ...data }, update: data });
    const seedKey = accountSubkeyFrom(Buffer.from(accountSecretsKey, "base64"), "totpSeed");
    const totpSecretEnc = new Uint8Array(encrypt(seedKey, totpSecret, totpAad(user.id), SUBKEY_ID));
    await prisma.user.update({ where: { id: user.id }, data: { totpSecretEnc } });
    return { email: OPERATOR_EMAIL, password, userId: user.id, totpSecret };
  } finally {
    await prisma.$disconnect();
  }
}
