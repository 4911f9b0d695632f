"use server";

import { redirect } from "next/navigation";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/email-links";
import { publicAction } from "@/lib/entry/action";

export type ResetState = { error: string | null; sent: boolean; email?: string };

const emailOf = (formData: FormData) => String(formData.get("email") ?? "");

export const requestResetAction = publicAction(
  { failure: (message, formData): ResetState => ({ error: message, sent: false, email: emailOf(formData) }) },
  async ({ audit }, _prev: ResetState, formData: FormData): Promise<ResetState> => {
    await requestPasswordReset({ email: emailOf(formData) }, audit);
    return { error: null, sent: true, email: emailOf(formData) };
  },
);

export const completeResetAction = publicAction(
  { failure: (message) => ({ error: message }) },
  async ({ audit }, token: string, _prev: { error: string | null }, formData: FormData): Promise<{ error: string | null }> => {
    await completePasswordReset(token, Object.fromEntries(formData), audit);
    redirect("/sign-in?reset=1");
  },
);
