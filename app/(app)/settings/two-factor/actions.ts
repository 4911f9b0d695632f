"use server";

import { confirmTotpEnrolment, regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { STEP_UP_REQUIRED } from "@/lib/auth/step-up-check";
import { enrollingAction, memberAction } from "@/lib/entry/action";

/** `stepUp`: refused because the member's confirmation lapsed; the form offers the step-up link. */
export type CodesState = { error: string | null; codes: string[] | null; stepUp?: boolean };

const HERE = "/settings/two-factor";
const refused = (message: string): CodesState => ({ error: message, codes: null, stepUp: message === STEP_UP_REQUIRED().userMessage });

// Enrolling members may confirm too (a practice that requires a second factor sends them here).
export const confirmEnrolmentAction = enrollingAction({ stepUp: true, failure: refused }, async ({ actor, audit }, _prev: CodesState, formData: FormData): Promise<CodesState> => {
  const codes = await confirmTotpEnrolment(actor, { code: formData.get("code") }, audit);
  return { error: null, codes };
});

// A lapsed confirmation goes to the step-up page and comes back here.
export const regenerateCodesAction = memberAction({ stepUp: true, back: () => HERE, failure: refused }, async ({ actor, audit }): Promise<CodesState> => {
  return { error: null, codes: await regenerateRecoveryCodes(actor, audit) };
});
