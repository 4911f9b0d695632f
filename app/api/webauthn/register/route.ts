import { NextResponse, type NextRequest } from "next/server";
import { auditContextFromHeaders } from "@/lib/audit/context";
import { currentActor } from "@/lib/auth/current";
import { registerPasskey } from "@/lib/auth/passkeys/register";
import { AppError, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** Stores a new passkey from the browser's answer to a registration challenge: `{ name, response }`. */
export async function POST(request: NextRequest) {
  try {
    const actor = await currentActor({ duringEnrolment: true });
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    const body: unknown = await request.json().catch(() => null);
    const passkey = await registerPasskey(actor, body, auditContextFromHeaders(request.headers));
    return NextResponse.json({ id: passkey.id }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
