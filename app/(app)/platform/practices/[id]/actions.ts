"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { operatorAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { reactivatePractice, suspendPractice } from "@/lib/platform/suspension";

export type SuspendState = { error: string | null };

const practicePath = (id: unknown) => `/platform/practices/${encodeURIComponent(String(id ?? ""))}` as Route;
const refused = (message: string): SuspendState => ({ error: message });

export const suspendPracticeAction = operatorAction({ failure: refused }, async ({ operator, audit }, _prev: SuspendState, formData: FormData): Promise<SuspendState> => {
  const practiceId = formData.get("practiceId");
  const { sessionsEnded: ended } = await suspendPractice(operator, { practiceId, reason: formData.get("reason") ?? undefined, note: formData.get("note") ?? "" }, audit);
  await flash(`Practice suspended. ${ended === 1 ? "1 session was" : `${ended} sessions were`} ended, and its members cannot sign in.`);
  redirect(practicePath(practiceId));
});

export const reactivatePracticeAction = operatorAction({ failure: refused }, async ({ operator, audit }, _prev: SuspendState, formData: FormData): Promise<SuspendState> => {
  const practiceId = formData.get("practiceId");
  await reactivatePractice(operator, practiceId, audit);
  await flash("Practice reactivated. Its members can sign in again.");
  redirect(practicePath(practiceId));
});
