"use server";

import { memberAction } from "@/lib/entry/action";
import { formText } from "@/lib/entry/form";
import { setCrisisText } from "@/lib/measures/crisis";

export const setCrisisTextAction = memberAction({ back: () => "/measures/settings", roles: ["OWNER"] }, async ({ actor, audit }, formData: FormData) => {
  const text = formText(formData, "text");
  await setCrisisText(actor, { text: formData.get("reset") === "1" ? "" : text }, audit);
  return formData.get("reset") === "1" || text.trim() === "" ? "Crisis text set back to the default." : "Crisis text saved. Clients see it after a risk answer.";
});
