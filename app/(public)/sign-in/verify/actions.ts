"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/http/return-path";
import { requestAuditContext } from "@/lib/entry/context";
import { sessionState } from "@/lib/entry/caller";
import { verifyPasskeySecondFactor } from "@/lib/auth/passkeys/sign-in";
import { issueSessionCookie } from "@/lib/entry/cookies";
import { verifySecondFactor } from "@/lib/auth/two-factor";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";

export type VerifyState = { error: string | null };

export async function verifySecondFactorAction(_prev: VerifyState, formData: FormData): Promise<VerifyState> {
  const state = await sessionState();
  if (state.kind !== "second-factor") redirect("/sign-in");
  let result;
  try {
    result = await verifySecondFactor(state.sessionId, { code: formData.get("code") }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await issueSessionCookie(result.userId, result.sessionId);
  if (result.method === "recovery_code") {
    await flash(`Signed in with a recovery code. You have ${result.recoveryCodesLeft} left; make new ones on the Two-factor page if you are running low.`);
  }
  redirect(safeReturnPath(formData.get("next")) as Route);
}

/** The second step with a passkey: `response` is the browser's WebAuthn answer. */
export async function verifyPasskeyStepAction(response: unknown, next: unknown): Promise<VerifyState> {
  const state = await sessionState();
  if (state.kind !== "second-factor") redirect("/sign-in");
  let result;
  try {
    result = await verifyPasskeySecondFactor(state.sessionId, response, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await issueSessionCookie(result.userId, result.sessionId);
  redirect(safeReturnPath(next) as Route);
}
