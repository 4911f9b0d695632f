"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { requireStepUp } from "@/lib/entry/step-up";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { confirmDestruction, placeLegalHold, setRetentionPolicy } from "@/lib/retention/review";

async function run(op: () => Promise<unknown>, success: string) {
  try {
    await op();
    await flash(success);
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/requests/retention");
}

export async function setPolicyAction(f: FormData) {
  const actor = await requireActor();
  await run(async () => setRetentionPolicy(actor, Object.fromEntries(f), await requestAuditContext()), "Retention policy saved, with your reason on record.");
}

export async function destroyAction(f: FormData) {
  const actor = await requireActor();
  requireStepUp(actor, "/requests/retention");
  await run(async () => confirmDestruction(actor, String(f.get("code") ?? ""), await requestAuditContext()), "Record destroyed for good (keys destroyed, rows deleted).");
}

export async function holdAction(f: FormData) {
  const actor = await requireActor();
  await run(async () => placeLegalHold(actor, String(f.get("code") ?? ""), { reason: f.get("reason"), reviewOn: f.get("reviewOn") }, await requestAuditContext()), "Legal hold placed. The record comes back for review on that date.");
}
