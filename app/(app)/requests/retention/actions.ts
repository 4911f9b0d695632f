"use server";

import { memberAction } from "@/lib/entry/action";
import { confirmDestruction, placeLegalHold } from "@/lib/retention/review";
import { formText } from "@/lib/entry/form";

const back = () => "/requests/retention";

export const destroyAction = memberAction({ back, stepUp: true }, async ({ actor, audit }, f: FormData) => {
  await confirmDestruction(actor, formText(f, "code"), audit);
  return "Record destroyed for good (keys destroyed, rows deleted).";
});

export const holdAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await placeLegalHold(actor, formText(f, "code"), { reason: f.get("reason"), reviewOn: f.get("reviewOn") }, audit);
  return "Legal hold placed. The record comes back for review on that date.";
});
