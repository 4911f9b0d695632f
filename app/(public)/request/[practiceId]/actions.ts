"use server";

import { publicAction } from "@/lib/entry/action";
import { submitPublicRequest } from "@/lib/requests/submit-public-request";

export type PublicRequestState = { error: string | null; done: boolean; values: Record<string, string> };

const FIELDS = ["kind", "fullName", "dateOfBirth", "email", "phone", "clientCode", "details"] as const;
const valuesOf = (formData: FormData) => Object.fromEntries(FIELDS.map((k) => [k, String(formData.get(k) ?? "")]));

/** Someone without portal access asks a practice to act on their data (limited per address in lib). */
export const submitPublicRequestAction = publicAction(
  { failure: (message, formData): PublicRequestState => ({ error: message, done: false, values: valuesOf(formData) }) },
  async ({ audit }, _prev: PublicRequestState, formData: FormData): Promise<PublicRequestState> => {
    await submitPublicRequest(String(formData.get("practiceId") ?? ""), valuesOf(formData), audit);
    return { error: null, done: true, values: {} };
  },
);
