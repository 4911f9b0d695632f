"use server";

import type { Route } from "next";
import { memberAction } from "@/lib/entry/action";
import { formFields, formText } from "@/lib/entry/form";
import { assignMeasure, endMeasureAssignment } from "@/lib/measures/assign-measure";
import { MEASURES } from "@/lib/measures/definitions";
import { recordMeasureInSession } from "@/lib/measures/record-in-session";

const back = (formData: FormData) => `/clients/${encodeURIComponent(formText(formData, "code"))}#measures` as Route;

export const assignMeasureAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  const a = await assignMeasure(actor, formText(formData, "code"), { measure: formText(formData, "measure"), schedule: formText(formData, "schedule") }, audit);
  const name = MEASURES[a.measure as keyof typeof MEASURES].name;
  return a.schedule === "ONCE" ? `${name} sent: the client sees it in their portal now.` : `${name} will be asked before each appointment (from 3 days before).`;
});

export const endMeasureAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  await endMeasureAssignment(actor, formText(formData, "code"), formText(formData, "assignment"), audit);
  return "Stopped. Answers already given stay on the record.";
});

export const recordMeasureAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  const done = await recordMeasureInSession(actor, formText(formData, "code"), formFields(formData), audit);
  return done.score === null ? "Recorded. Too many questions were left out to give a score." : `Recorded. Score ${done.score}${done.prorated ? " (prorated for a missing answer)" : ""}.`;
});
