"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { requireOperator } from "@/lib/entry/caller";
import { reactivatePractice, suspendPractice } from "@/lib/platform/suspension";

export type SuspendState = { error: string | null };

const practicePath = (id: unknown) => `/platform/practices/${encodeURIComponent(String(id ?? ""))}` as Route;

export async function suspendPracticeAction(_prev: SuspendState, formData: FormData): Promise<SuspendState> {
  const operator = await requireOperator();
  const practiceId = formData.get("practiceId");
  let ended: number;
  try {
    ({ sessionsEnded: ended } = await suspendPractice(
      operator,
      { practiceId, reason: formData.get("reason") ?? undefined, note: formData.get("note") ?? "" },
      await requestAuditContext(),
    ));
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await flash(`Practice suspended. ${ended === 1 ? "1 session was" : `${ended} sessions were`} ended, and its members cannot sign in.`);
  redirect(practicePath(practiceId));
}

export async function reactivatePracticeAction(_prev: SuspendState, formData: FormData): Promise<SuspendState> {
  const operator = await requireOperator();
  const practiceId = formData.get("practiceId");
  try {
    await reactivatePractice(operator, practiceId, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await flash("Practice reactivated. Its members can sign in again.");
  redirect(practicePath(practiceId));
}
