import { NextResponse } from "next/server";
import { currentActor } from "@/lib/auth/current";
import { startPasskeyRegistration } from "@/lib/auth/passkeys/register";
import { AppError, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** Options to create a passkey for the signed-in member (also while they must set up a second factor). */
export async function POST() {
  try {
    const actor = await currentActor({ duringEnrolment: true });
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    return NextResponse.json(await startPasskeyRegistration(actor), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
