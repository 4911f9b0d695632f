import { NextResponse, type NextRequest } from "next/server";
import { auditContextFromHeaders } from "@/lib/audit/context";
import { errorResponse, notFound } from "@/lib/http/errors";
import { feedCalendar } from "@/lib/schedule/feed";

export const dynamic = "force-dynamic";

// A clinician's private calendar feed: /api/calendar/<secret token>.ics, no session needed (a
// calendar app subscribes to it). Unknown, revoked and malformed tokens are all the same 404.
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  try {
    const token = (await params).token.replace(/\.ics$/, "");
    const body = await feedCalendar(token, auditContextFromHeaders(request.headers));
    if (body === null) throw notFound("That calendar feed");
    return new NextResponse(body, {
      headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store", "x-robots-tag": "noindex" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
