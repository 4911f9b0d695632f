import { NextResponse } from "next/server";
import { currentActor } from "@/lib/auth/current";

export const dynamic = "force-dynamic";

/**
 * The screen lock's heartbeat: sent at most once a minute while the member is active, so the
 * session's idle clock follows what they do on the page, not only page loads. 401 once the
 * session has ended (idle, revoked, expired): the page then locks.
 */
export async function POST() {
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ error: { code: "unauthenticated", message: "Your session has ended." } }, { status: 401 });
  return new NextResponse(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
