"use server";

import { redirect } from "next/navigation";
import { portalAction, portalPinAction, publicAction } from "@/lib/entry/action";
import { clearPortalCookie, flash, setPortalCookie } from "@/lib/entry/cookies";
import { answerReflectionConnection, setReflectionShared, writeReflection } from "@/lib/portal/reflections";
import { changePortalPin, signInToPortal, signOutOfPortal } from "@/lib/portal/session";
import { setOwnReminderConsent } from "@/lib/reminders/consent";
import { requestAppointmentCancellation } from "@/lib/portal/appointments";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { formText } from "@/lib/entry/form";

export type PortalFormState = { error: string | null; values?: Record<string, string> };

const keep = (...keys: string[]) => (message: string, formData: FormData): PortalFormState => ({
  error: message,
  values: Object.fromEntries(keys.map((k) => [k, formText(formData, k)])),
});
const toHome = (anchor: string) => () => `/portal/home#${anchor}`;

export const portalSignInAction = publicAction({ failure: keep("code") }, async ({ audit }, _prev: PortalFormState, formData: FormData): Promise<PortalFormState> => {
  const result = await signInToPortal({ code: formText(formData, "code"), pin: formData.get("pin") }, audit);
  await setPortalCookie(result.token);
  redirect(result.mustChangePin ? "/portal/pin" : "/portal/home");
});

export const changePinAction = portalPinAction({ failure: keep() }, async ({ client, audit }, _prev: PortalFormState, formData: FormData): Promise<PortalFormState> => {
  await changePortalPin(client, { pin: formData.get("pin"), confirm: formData.get("confirm") }, audit);
  await flash("Your new PIN is set. Only you know it.");
  redirect("/portal/home");
});

export const submitRequestAction = portalAction({ failure: keep("kind", "details") }, async ({ client, audit }, _prev: PortalFormState, formData: FormData): Promise<PortalFormState> => {
  await submitRequest(client, { kind: formText(formData, "kind"), details: formText(formData, "details"), confirmErasure: formText(formData, "confirmErasure") }, audit);
  await flash("Thank you. Your request has been sent to the practice. You can follow it on this page.");
  redirect("/portal/home#requests");
});

export const writeReflectionAction = portalAction({ failure: keep("text") }, async ({ client, audit }, _prev: PortalFormState, formData: FormData): Promise<PortalFormState> => {
  await writeReflection(client, { text: formText(formData, "text") }, audit);
  await flash("Saved. Only you can see it unless you share it.");
  redirect("/portal/home#reflections");
});

export const shareReflectionAction = portalAction({ back: toHome("reflections") }, async ({ client, audit }, formData: FormData) => {
  const shared = formData.get("share") === "1";
  await setReflectionShared(client, formText(formData, "id"), shared, audit);
  return shared ? "Shared with your therapist." : "No longer shared. Your therapist cannot see it now.";
});

export const answerConnectionAction = portalAction({ back: toHome("reflections") }, async ({ client, audit }, formData: FormData) => {
  const accept = formData.get("accept") === "1";
  await answerReflectionConnection(client, accept, audit);
  return accept ? "Connected. New reflections are shared with your therapist; older ones stay private." : "Done. Your reflections stay private unless you share one.";
});

export const setRemindersAction = portalAction({ back: toHome("reminders") }, async ({ client, audit }, formData: FormData) => {
  const on = formData.get("on") === "1";
  await setOwnReminderConsent(client, on, audit);
  return on ? "Reminders are on. We email you before each appointment at the address the practice has for you." : "Reminders are off. We will not email you about appointments.";
});

export const portalSignOutAction = portalPinAction({ back: () => "/portal?signed-out=1" }, async ({ client, audit }) => {
  await signOutOfPortal(client, audit);
  await clearPortalCookie();
});

export const requestCancellationAction = portalAction({ back: toHome("appointments") }, async ({ client, audit }, formData: FormData) => {
  const { alreadyAsked } = await requestAppointmentCancellation(client, formText(formData, "id"), audit);
  return alreadyAsked ? "You have already asked to cancel this appointment. The practice will be in touch." : "Sent. The practice will confirm the cancellation with you.";
});

export const withdrawRequestAction = portalAction({ back: toHome("requests") }, async ({ client, audit }, formData: FormData) => {
  await withdrawRequest(client, formText(formData, "id"), audit);
  return "Your request is withdrawn. The practice will not act on it. You can send a new one at any time.";
});
