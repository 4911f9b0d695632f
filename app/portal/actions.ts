"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/audit/context";
import { actionErrorMessage } from "@/lib/http/action";
import { flash } from "@/lib/http/flash";
import { answerReflectionConnection, setReflectionShared, writeReflection } from "@/lib/portal/reflections";
import { changePortalPin, currentPortalClient, setPortalCookie, signInToPortal, signOutOfPortal } from "@/lib/portal/session";
import { setOwnReminderConsent } from "@/lib/reminders/consent";
import { submitRequest } from "@/lib/requests/submit-request";

export type PortalFormState = { error: string | null; values?: Record<string, string> };

async function requirePortal() {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  return portal;
}

export async function portalSignInAction(_prev: PortalFormState, formData: FormData): Promise<PortalFormState> {
  const code = String(formData.get("code") ?? "");
  let result;
  try {
    result = await signInToPortal({ code, pin: formData.get("pin") }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values: { code } };
  }
  await setPortalCookie(result.token);
  redirect(result.mustChangePin ? "/portal/pin" : "/portal/home");
}

export async function changePinAction(_prev: PortalFormState, formData: FormData): Promise<PortalFormState> {
  const portal = await requirePortal();
  try {
    await changePortalPin(portal, { pin: formData.get("pin"), confirm: formData.get("confirm") }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await flash("Your new PIN is set. Only you know it.");
  redirect("/portal/home");
}

export async function submitRequestAction(_prev: PortalFormState, formData: FormData): Promise<PortalFormState> {
  const portal = await requirePortal();
  if (portal.mustChangePin) redirect("/portal/pin");
  const values = { kind: String(formData.get("kind") ?? ""), details: String(formData.get("details") ?? "") };
  try {
    await submitRequest(portal, values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash("Thank you. Your request has been sent to the practice. You can follow it on this page.");
  redirect("/portal/home#requests");
}

export async function writeReflectionAction(_prev: PortalFormState, formData: FormData): Promise<PortalFormState> {
  const portal = await requirePortal();
  if (portal.mustChangePin) redirect("/portal/pin");
  const text = String(formData.get("text") ?? "");
  try {
    await writeReflection(portal, { text }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values: { text } };
  }
  await flash("Saved. Only you can see it unless you share it.");
  redirect("/portal/home#reflections");
}

export async function shareReflectionAction(formData: FormData) {
  const portal = await requirePortal();
  const shared = formData.get("share") === "1";
  try {
    await setReflectionShared(portal, String(formData.get("id") ?? ""), shared, await requestAuditContext());
    await flash(shared ? "Shared with your therapist." : "No longer shared. Your therapist cannot see it now.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/portal/home#reflections");
}

export async function portalSignOutAction() {
  const portal = await currentPortalClient();
  if (portal) await signOutOfPortal(portal, await requestAuditContext());
  redirect("/portal?signed-out=1");
}

export async function answerConnectionAction(formData: FormData) {
  const portal = await requirePortal();
  const accept = formData.get("accept") === "1";
  try {
    await answerReflectionConnection(portal, accept, await requestAuditContext());
    await flash(accept ? "Connected. New reflections are shared with your therapist; older ones stay private." : "Done. Your reflections stay private unless you share one.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/portal/home#reflections");
}

export async function setRemindersAction(formData: FormData) {
  const portal = await requirePortal();
  if (portal.mustChangePin) redirect("/portal/pin");
  const on = formData.get("on") === "1";
  await setOwnReminderConsent(portal, on, await requestAuditContext());
  await flash(on ? "Reminders are on. We email you before each appointment at the address the practice has for you." : "Reminders are off. We will not email you about appointments.");
  redirect("/portal/home#reminders");
}
