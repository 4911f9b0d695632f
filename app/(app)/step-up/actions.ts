"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireAccountHolder } from "@/lib/entry/caller";
import { stepUp, stepUpWithPasskey } from "@/lib/auth/step-up";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { safeReturnPath } from "@/lib/http/return-path";

export type StepUpState = { error: string | null };

export async function stepUpAction(_prev: StepUpState, formData: FormData): Promise<StepUpState> {
  const { holder: actor } = await requireAccountHolder();
  try {
    await stepUp(actor, { password: formData.get("password"), code: formData.get("code") ?? "" }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  redirect(safeReturnPath(formData.get("next")) as Route);
}

export async function stepUpWithPasskeyAction(response: unknown, next: unknown): Promise<StepUpState> {
  const { holder: actor } = await requireAccountHolder();
  try {
    await stepUpWithPasskey(actor, response, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  redirect(safeReturnPath(next) as Route);
}
