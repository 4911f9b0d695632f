import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/entry/route";
import { notFound } from "@/lib/http/errors";
import { feedCalendar } from "@/lib/schedule/feed";

export const dynamic = "force-dynamic";

// A clinician's private calendar feed: /api/calendar/<secret token>.ics, no session needed (a
// calendar app subscribes to it). Unknown, revoked and malformed tokens are all the same 404.
export const GET = publicRoute<{ token: string }>({}, async ({ params, audit }) => {
  const body = await feedCalendar(params.token.replace(/\.ics$/, ""), audit);
  if (body === null) throw notFound("That calendar feed");
  return new NextResponse(body, {
    headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store", "x-robots-tag": "noindex" },
  });
});
