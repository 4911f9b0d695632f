import { NextResponse } from "next/server";
import { memberRoute } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

/**
 * The screen lock's heartbeat: sent at most once a minute while the member is active, so the
 * session's idle clock follows what they do on the page, not only page loads (resolving the
 * caller touches the session). 401 once the session has ended (idle, revoked, expired): the
 * page then locks.
 */
export const POST = memberRoute({}, async () => new NextResponse(null, { status: 204, headers: { "Cache-Control": "no-store" } }));
