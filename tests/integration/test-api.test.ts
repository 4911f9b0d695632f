import { decode } from "next-auth/jwt";
import { NextRequest, NextResponse } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { setUpTestDatabase } from "../support/factory";

// The test-only API (/api/test/members) that e2e suites use to make signed-in members without
// the UI: a 404 to anyone without the secret, and the secret only works in a test setup.

const SECRET = "integration-test-api-secret-0123456789abcdef";
const db = setUpTestDatabase();
const route = () => import("@/app/api/test/members/route");

const post = async (body: unknown, headers: Record<string, string> = {}) =>
  (await route()).POST(new NextRequest("http://localhost/api/test/members", { method: "POST", body: JSON.stringify(body), headers }));
const del = async (body: unknown, headers: Record<string, string> = {}) =>
  (await route()).DELETE(new NextRequest("http://localhost/api/test/members", { method: "DELETE", body: JSON.stringify(body), headers }));

function configure(secret: string | undefined) {
  if (secret === undefined) delete process.env.CONFIDE_TEST_API_SECRET;
  else process.env.CONFIDE_TEST_API_SECRET = secret;
  resetConfigForTests();
}

afterEach(() => configure(undefined));

describe("the test-only members API", () => {
  it("is a 404 when the server has no test secret, whatever the request carries, and makes nobody", async () => {
    configure(undefined);
    const users = await db.prisma.user.count();
    for (const headers of [{}, { "x-confide-test-secret": SECRET }, { "x-confide-test-secret": "" }] as Record<string, string>[]) {
      expect((await post({ role: "OWNER" }, headers)).status).toBe(404);
      expect((await del({ userIds: ["00000000-0000-4000-8000-000000000000"] }, headers)).status).toBe(404);
    }
    expect(await db.prisma.user.count()).toBe(users);
  });

  it("is a 404 without the right secret in the header, even when the server has one", async () => {
    configure(SECRET);
    const users = await db.prisma.user.count();
    for (const headers of [{}, { "x-confide-test-secret": `${SECRET}x` }, { "x-confide-test-secret": SECRET.slice(0, -1) }, { authorization: `Bearer ${SECRET}` }] as Record<string, string>[]) {
      expect((await post({ role: "OWNER" }, headers)).status).toBe(404);
    }
    expect(await db.prisma.user.count()).toBe(users);
  });

  it("with the secret, makes a member with a live Session row and the cookie that names it; teardown ends it", async () => {
    configure(SECRET);
    const headers = { "x-confide-test-secret": SECRET };
    const response = await post({ role: "THERAPIST" }, headers);
    expect(response.status).toBe(201);
    const { member } = (await response.json()) as { member: { userId: string; sessionId: string; practiceId: string; email: string; password: string } };
    // What the browser is told to keep, read back through Next's own cookie parser.
    const cookie = new NextResponse(null, { headers: response.headers }).cookies.get("confide.session")!;
    expect(member.email).toMatch(/@e2e\.confide\.test$/);
    const { verifyPassword } = await import("@/lib/auth/password");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: member.userId }, include: { memberships: true } });
    expect(await verifyPassword(user.passwordHash, member.password)).toBe(true);
    expect(user.memberships).toMatchObject([{ practiceId: member.practiceId, role: "THERAPIST" }]);

    // The cookie is next-auth's JWT carrying the session id, and the session is live.
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "strict", path: "/" });
    expect(await decode({ token: cookie.value, secret: process.env.AUTH_SECRET! })).toMatchObject({ sid: member.sessionId, sub: member.userId });
    const { loadActiveSession } = await import("@/lib/auth/sessions");
    expect((await loadActiveSession(member.sessionId))?.userId).toBe(member.userId);

    // A second member joins the same practice.
    const colleague = (await (await post({ role: "MANAGER", practiceId: member.practiceId }, headers)).json()) as { member: { practiceId: string } };
    expect(colleague.member.practiceId).toBe(member.practiceId);

    const ended = await del({ userIds: [member.userId] }, headers);
    expect(await ended.json()).toEqual({ ended: 1 });
    expect(await loadActiveSession(member.sessionId)).toBeNull();
  });

  it("refuses bad input with a 400 and makes nobody", async () => {
    configure(SECRET);
    const users = await db.prisma.user.count();
    const headers = { "x-confide-test-secret": SECRET };
    expect((await post({ role: "PLATFORM_OWNER" }, headers)).status).toBe(400);
    expect((await post({ role: "OWNER", email: "someone@real.example" }, headers)).status).toBe(400);
    expect((await del({ userIds: [] }, headers)).status).toBe(400);
    expect(await db.prisma.user.count()).toBe(users);
  });
});
