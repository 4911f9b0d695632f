"use server";

import { redirect } from "next/navigation";
import { openVerifiedSession } from "@/lib/auth/sessions";
import { publicAction } from "@/lib/entry/action";
import { flash, issueSessionCookie } from "@/lib/entry/cookies";
import { acceptInvitation } from "@/lib/practice/accept-invitation";

/** What the form shows after a refusal: the message, and the name typed (never passwords). */
export type AcceptState = { error: string | null; displayName?: string };

export const acceptInvitationAction = publicAction(
  { failure: (message, formData): AcceptState => ({ error: message, displayName: String(formData.get("displayName") ?? "") }) },
  async ({ audit }, token: string, _prev: AcceptState, formData: FormData): Promise<AcceptState> => {
    const joined = await acceptInvitation(token, Object.fromEntries(formData), audit);
    // Accepting proves the email and the password: sign the new member in.
    const session = await openVerifiedSession(joined, audit.userAgent);
    await issueSessionCookie(joined.userId, session.id);
    await flash("Welcome to Confide. You are now a member of the practice.");
    redirect("/dashboard");
  },
);
