import { startPasskeyAuthentication } from "@/lib/auth/passkeys/authenticate";
import { authenticationPurposeSchema } from "@/lib/auth/passkeys/schema";
import { startPasskeySecondFactor } from "@/lib/auth/passkeys/sign-in";
import { currentAccountHolder, sessionState } from "@/lib/entry/caller";
import { json } from "@/lib/entry/respond";
import { publicRoute } from "@/lib/entry/route";
import { AppError, signedOut } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * A fresh challenge to sign with a passkey: for signing in with a passkey alone (anyone), for
 * the second step after a password (this browser's pending sign-in), or for a step-up (the
 * signed-in account). Each challenge is a stored row, so challenges are rate limited per address
 * where they are made (lib/auth/passkeys/authenticate.ts).
 */
export const POST = publicRoute({ body: authenticationPurposeSchema }, async ({ body: { purpose }, audit }) => {
  if (purpose === "sign-in") return json(await startPasskeyAuthentication(null, audit));
  if (purpose === "step-up") {
    const signedIn = await currentAccountHolder();
    if (!signedIn) throw signedOut();
    return json(await startPasskeyAuthentication(signedIn.holder.userId, audit));
  }
  const state = await sessionState();
  if (state.kind !== "second-factor") throw new AppError("no_pending_sign_in", "Your sign-in has expired. Please sign in again.", 401);
  return json(await startPasskeySecondFactor(state.sessionId, audit));
});
