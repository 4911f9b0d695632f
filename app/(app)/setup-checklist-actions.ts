"use server";

import { memberAction } from "@/lib/entry/action";
import { hideSetupChecklist } from "@/lib/practice/setup-checklist";

export const hideChecklistAction = memberAction({ roles: ["OWNER"], back: () => "/dashboard" }, async ({ actor, audit }) => {
  await hideSetupChecklist(actor, audit);
  return "Checklist hidden. Its steps stay in Practice settings, Members, Import and the schedule.";
});
