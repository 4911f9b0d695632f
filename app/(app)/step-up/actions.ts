"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { stepUp, stepUpWithPasskey } from "@/lib/auth/step-up";
import { accountAction } from "@/lib/entry/action";
import { safeReturnPath } from "@/lib/http/return-path";

export type StepUpState = { error: string | null };

const refused = (message: string): StepUpState => ({ error: message });

export const stepUpAction = accountAction({ failure: refused }, async ({ holder, audit }, _prev: StepUpState, formData: FormData): Promise<StepUpState> => {
  await stepUp(holder, { password: formData.get("password"), code: formData.get("code") ?? "" }, audit);
  redirect(safeReturnPath(formData.get("next")) as Route);
});

/** Called from the page with the browser's passkey answer (JSON) and where to go next. */
export const stepUpWithPasskeyAction = accountAction({ failure: refused }, async ({ holder, audit }, response: unknown, next: unknown): Promise<StepUpState> => {
  await stepUpWithPasskey(holder, response, audit);
  redirect(safeReturnPath(next) as Route);
});
