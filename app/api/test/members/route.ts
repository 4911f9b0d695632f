import { NextResponse } from "next/server";
import { sessionCookie } from "@/lib/entry/cookies";
import { json } from "@/lib/entry/respond";
import { publicRoute } from "@/lib/entry/route";
import { notFound } from "@/lib/http/errors";
import { testApiAllows, TEST_API_HEADER } from "@/lib/test-api/access";
import { createTestMember, endTestMembers } from "@/lib/test-api/members";

// Test suites only (e2e/support/users.ts): a 404 unless the server runs with
// CONFIDE_TEST_API_SECRET (refused outside a local test setup) and the request carries it. The
// guard comes before the body is read, so nothing about the API shows without the secret.

export const dynamic = "force-dynamic";

/** A new member; signed in, the browser that asked gets the session cookie a sign-in would set. */
export const POST = publicRoute({}, async ({ request }) => {
  if (!testApiAllows(request.headers.get(TEST_API_HEADER))) throw notFound();
  const member = await createTestMember(await request.json().catch(() => null), request.headers.get("user-agent"));
  const response = NextResponse.json({ member }, { status: 201, headers: { "Cache-Control": "no-store" } });
  if (member.sessionId) {
    const { name, value, options } = await sessionCookie(member.userId, member.sessionId);
    response.cookies.set(name, value, options);
  }
  return response;
});

/** Ends every session of the test's members (teardown). */
export const DELETE = publicRoute({}, async ({ request }) => {
  if (!testApiAllows(request.headers.get(TEST_API_HEADER))) throw notFound();
  return json({ ended: await endTestMembers(await request.json().catch(() => null)) });
});
