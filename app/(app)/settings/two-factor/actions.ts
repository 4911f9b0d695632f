"use server";

import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { requireStepUp } from "@/lib/entry/step-up";
import { confirmTotpEnrolment, regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { AppError } from "@/lib/http/errors";

/** `stepUp`: refused because the member's confirmation lapsed; the form offers the step-up link. */
export type CodesState = { error: string | null; codes: string[] | null; stepUp?: boolean };

const refused = (error: unknown): CodesState => ({
  error: actionErrorMessage(error),
  codes: null,
  stepUp: error instanceof AppError && error.code === "step_up_required",
});

export async function confirmEnrolmentAction(_prev: CodesState, formData: FormData): Promise<CodesState> {
  const actor = await requireActor({ duringEnrolment: true });
  try {
    const codes = await confirmTotpEnrolment(actor, { code: formData.get("code") }, await requestAuditContext());
    return { error: null, codes };
  } catch (error) {
    return refused(error);
  }
}

export async function regenerateCodesAction(): Promise<CodesState> {
  const actor = await requireActor();
  requireStepUp(actor, "/settings/two-factor");
  try {
    return { error: null, codes: await regenerateRecoveryCodes(actor, await requestAuditContext()) };
  } catch (error) {
    return refused(error);
  }
}
