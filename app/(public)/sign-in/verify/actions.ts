"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { verifyPasskeySecondFactor } from "@/lib/auth/passkeys/sign-in";
import { verifySecondFactor } from "@/lib/auth/two-factor";
import { pendingSignInAction } from "@/lib/entry/action";
import { flash, issueSessionCookie } from "@/lib/entry/cookies";
import { safeReturnPath } from "@/lib/http/return-path";

export type VerifyState = { error: string | null };

const refused = (message: string): VerifyState => ({ error: message });

export const verifySecondFactorAction = pendingSignInAction({ failure: refused }, async ({ sessionId, audit }, _prev: VerifyState, formData: FormData): Promise<VerifyState> => {
  const result = await verifySecondFactor(sessionId, { code: formData.get("code") }, audit);
  await issueSessionCookie(result.userId, result.sessionId);
  if (result.method === "recovery_code") {
    await flash(`Signed in with a recovery code. You have ${result.recoveryCodesLeft} left; make new ones on the Two-factor page if you are running low.`);
  }
  redirect(safeReturnPath(formData.get("next")) as Route);
});

/** The second step with a passkey: `response` is the browser's WebAuthn answer. */
export const verifyPasskeyStepAction = pendingSignInAction({ failure: refused }, async ({ sessionId, audit }, response: unknown, next: unknown): Promise<VerifyState> => {
  const result = await verifyPasskeySecondFactor(sessionId, response, audit);
  await issueSessionCookie(result.userId, result.sessionId);
  redirect(safeReturnPath(next) as Route);
});
