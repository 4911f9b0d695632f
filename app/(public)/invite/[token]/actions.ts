"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { issueSessionCookie } from "@/lib/entry/cookies";
import { openSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { acceptInvitation } from "@/lib/practice/members";

/** What the form shows after a refusal: the message, and the name typed (never passwords). */
export type AcceptState = { error: string | null; displayName?: string };

export async function acceptInvitationAction(token: string, _prev: AcceptState, formData: FormData): Promise<AcceptState> {
  const context = await requestAuditContext();
  let joined;
  try {
    joined = await acceptInvitation(token, Object.fromEntries(formData), context);
  } catch (error) {
    return { error: actionErrorMessage(error), displayName: String(formData.get("displayName") ?? "") };
  }
  // Accepting proves the email and the password: sign the new member in.
  const session = await openSession(db(), { userId: joined.userId, membershipId: joined.membershipId, userAgent: context.userAgent, fullyAuthenticated: true });
  await issueSessionCookie(joined.userId, session.id);
  await flash("Welcome to Confide. You are now a member of the practice.");
  redirect("/dashboard");
}
