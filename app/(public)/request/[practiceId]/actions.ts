"use server";

import { requestAuditContext } from "@/lib/entry/context";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { submitPublicRequest } from "@/lib/requests/requests";

export type PublicRequestState = { error: string | null; done: boolean; values: Record<string, string> };

const FIELDS = ["kind", "fullName", "dateOfBirth", "email", "phone", "clientCode", "details"] as const;

export async function submitPublicRequestAction(_prev: PublicRequestState, formData: FormData): Promise<PublicRequestState> {
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(formData.get(k) ?? "")]));
  try {
    await submitPublicRequest(String(formData.get("practiceId") ?? ""), values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), done: false, values };
  }
  return { error: null, done: true, values: {} };
}
