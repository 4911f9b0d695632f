"use server";

import { memberAction } from "@/lib/entry/action";
import { changeMemberRole } from "@/lib/practice/change-member-role";
import { inviteMember } from "@/lib/practice/invite-member";
import { removeMember } from "@/lib/practice/remove-member";
import { resetMemberTwoFactor } from "@/lib/practice/reset-member-two-factor";
import { revokeInvitation } from "@/lib/practice/revoke-invitation";
import { formText } from "@/lib/entry/form";

const back = () => "/members";

export const inviteAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  await inviteMember(actor, { email: formData.get("email"), role: formData.get("role") }, audit);
  return "Invitation sent. The link in it works once, for 7 days.";
});

export const revokeInvitationAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  await revokeInvitation(actor, formText(formData, "invitationId"), audit);
  return "Invitation withdrawn. Its link no longer works.";
});

export const changeRoleAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  await changeMemberRole(actor, formText(formData, "membershipId"), formData.get("role"), audit);
  return "Role changed. The member will be asked to sign in again.";
});

export const removeMemberAction = memberAction({ back }, async ({ actor, audit }, formData: FormData) => {
  await removeMember(actor, formText(formData, "membershipId"), audit);
  return "Member removed. They were signed out everywhere at once.";
});

export const resetTwoFactorAction = memberAction({ back, stepUp: true }, async ({ actor, audit }, formData: FormData) => {
  await resetMemberTwoFactor(actor, formText(formData, "membershipId"), audit);
  return "Two-factor reset. The member was signed out and will set up a new authenticator at their next sign-in.";
});
