"use server";

import { requestAuditContext } from "@/lib/audit/context";
import { requireActor } from "@/lib/auth/current";
import { requireStepUp } from "@/lib/auth/step-up";
import { confirmTotpEnrolment, regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { actionErrorMessage } from "@/lib/http/action";

export type CodesState = { error: string | null; codes: string[] | null };

export async function confirmEnrolmentAction(_prev: CodesState, formData: FormData): Promise<CodesState> {
  const actor = await requireActor({ duringEnrolment: true });
  try {
    const codes = await confirmTotpEnrolment(actor, { code: formData.get("code") }, await requestAuditContext());
    return { error: null, codes };
  } catch (error) {
    return { error: actionErrorMessage(error), codes: null };
  }
}

export async function regenerateCodesAction(): Promise<CodesState> {
  const actor = await requireActor();
  requireStepUp(actor, "/settings/two-factor");
  try {
    return { error: null, codes: await regenerateRecoveryCodes(actor, await requestAuditContext()) };
  } catch (error) {
    return { error: actionErrorMessage(error), codes: null };
  }
}
