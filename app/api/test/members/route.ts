import { NextResponse, type NextRequest } from "next/server";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { errorResponse, notFound } from "@/lib/http/errors";
import { testApiAllows, TEST_API_HEADER } from "@/lib/test-api/access";
import { createTestMember, endTestMembers } from "@/lib/test-api/members";

// Test suites only (e2e/support/users.ts): a 404 unless the server runs with
// CONFIDE_TEST_API_SECRET (refused outside a local test setup) and the request carries it.

export const dynamic = "force-dynamic";

/** A new member; signed in, the browser that asked gets the session cookie a sign-in would set. */
export async function POST(request: NextRequest) {
  try {
    if (!testApiAllows(request.headers.get(TEST_API_HEADER))) throw notFound();
    const member = await createTestMember(await request.json().catch(() => null), request.headers.get("user-agent"));
    const response = NextResponse.json({ member }, { status: 201, headers: { "Cache-Control": "no-store" } });
    if (member.sessionId) {
      const { name, value, options } = await sessionCookie(member.userId, member.sessionId);
      response.cookies.set(name, value, options);
    }
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}

/** Ends every session of the test's members (teardown). */
export async function DELETE(request: NextRequest) {
  try {
    if (!testApiAllows(request.headers.get(TEST_API_HEADER))) throw notFound();
    return NextResponse.json({ ended: await endTestMembers(await request.json().catch(() => null)) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
