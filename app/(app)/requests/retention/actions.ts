"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/audit/context";
import { requireActor } from "@/lib/auth/current";
import { requireStepUp } from "@/lib/auth/step-up";
import { actionErrorMessage } from "@/lib/http/action";
import { flash } from "@/lib/http/flash";
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
