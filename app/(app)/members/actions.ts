"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { requireStepUp } from "@/lib/entry/step-up";
import { changeMemberRole } from "@/lib/practice/change-member-role";
import { inviteMember } from "@/lib/practice/invite-member";
import { removeMember } from "@/lib/practice/remove-member";
import { resetMemberTwoFactor } from "@/lib/practice/reset-member-two-factor";
import { revokeInvitation } from "@/lib/practice/revoke-invitation";

async function run(operation: () => Promise<unknown>, success: string) {
  try {
    await operation();
    await flash(success);
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/members");
}

export async function inviteAction(formData: FormData) {
  const actor = await requireActor();
  const context = await requestAuditContext();
  await run(() => inviteMember(actor, { email: formData.get("email"), role: formData.get("role") }, context), "Invitation sent. The link in it works once, for 7 days.");
}

export async function revokeInvitationAction(formData: FormData) {
  const actor = await requireActor();
  const context = await requestAuditContext();
  await run(() => revokeInvitation(actor, String(formData.get("invitationId") ?? ""), context), "Invitation withdrawn. Its link no longer works.");
}

export async function changeRoleAction(formData: FormData) {
  const actor = await requireActor();
  const context = await requestAuditContext();
  await run(
    () => changeMemberRole(actor, String(formData.get("membershipId") ?? ""), formData.get("role"), context),
    "Role changed. The member will be asked to sign in again.",
  );
}

export async function removeMemberAction(formData: FormData) {
  const actor = await requireActor();
  const context = await requestAuditContext();
  await run(() => removeMember(actor, String(formData.get("membershipId") ?? ""), context), "Member removed. They were signed out everywhere at once.");
}

export async function resetTwoFactorAction(formData: FormData) {
  const actor = await requireActor();
  requireStepUp(actor, "/members");
  const context = await requestAuditContext();
  await run(
    () => resetMemberTwoFactor(actor, String(formData.get("membershipId") ?? ""), context),
    "Two-factor reset. The member was signed out and will set up a new authenticator at their next sign-in.",
  );
}
