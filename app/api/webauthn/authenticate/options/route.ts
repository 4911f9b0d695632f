import { NextResponse, type NextRequest } from "next/server";
import { auditContextFromHeaders } from "@/lib/audit/context";
import { currentAccountHolder, sessionState } from "@/lib/auth/current";
import { startPasskeyAuthentication } from "@/lib/auth/passkeys/authenticate";
import { authenticationPurposeSchema } from "@/lib/auth/passkeys/schema";
import { startPasskeySecondFactor } from "@/lib/auth/passkeys/sign-in";
import { AppError, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * A fresh challenge to sign with a passkey: for signing in with a passkey alone (anyone), or
 * for the second step after a password (this browser's pending sign-in). POST: it stores a
 * challenge, so proxy.ts refuses it from other origins.
 */
export async function POST(request: NextRequest) {
  try {
    const { purpose } = authenticationPurposeSchema.parse(await request.json().catch(() => ({})));
    const context = auditContextFromHeaders(request.headers);
    if (purpose === "sign-in") return noStore(await startPasskeyAuthentication(null, context));
    if (purpose === "step-up") {
      const signedIn = await currentAccountHolder();
      if (!signedIn) throw new AppError("unauthenticated", "Please sign in.", 401);
      return noStore(await startPasskeyAuthentication(signedIn.holder.userId, context));
    }
    const state = await sessionState();
    if (state.kind !== "second-factor") throw new AppError("no_pending_sign_in", "Your sign-in has expired. Please sign in again.", 401);
    return noStore(await startPasskeySecondFactor(state.sessionId, context));
  } catch (error) {
    return errorResponse(error);
  }
}

const noStore = (body: unknown) => NextResponse.json(body, { headers: { "Cache-Control": "no-store" } });
