"use server";

import type { Route } from "next";
import { memberAction } from "@/lib/entry/action";
import { formText } from "@/lib/entry/form";
import { issueCreditNote } from "@/lib/invoices/credit-note";
import { issueInvoices } from "@/lib/invoices/issue-invoices";
import { recordPayment } from "@/lib/invoices/record-payment";
import { documentNumber } from "@/lib/invoices/rules";
import { saveInvoiceSettings, saveRegistration } from "@/lib/invoices/settings";
import { formatMoney } from "@/lib/practice/locale";

// Invoices' server actions: each parses its form in lib/invoices and flashes a plain result.

const ROLES = ["OWNER", "MANAGER"] as const;
const invoicePage = (formData: FormData) => `/invoices/${encodeURIComponent(formText(formData, "id"))}` as Route;

export const issueRunAction = memberAction({ back: () => "/invoices", roles: ROLES }, async ({ actor, audit }, formData: FormData) => {
  const r = await issueInvoices(actor, { month: formText(formData, "month"), grouping: formText(formData, "grouping"), notify: formText(formData, "notify") }, audit);
  if (r.issued === 0) return "Nothing to invoice for that month: every attended or late-cancelled session with a fee is already on an invoice.";
  const range = r.firstNumber === r.lastNumber ? documentNumber("INVOICE", r.firstNumber!) : `${documentNumber("INVOICE", r.firstNumber!)} to ${documentNumber("INVOICE", r.lastNumber!)}`;
  return `Issued ${r.issued} invoice${r.issued === 1 ? "" : "s"} (${range}).${r.notified ? ` ${r.notified} client${r.notified === 1 ? " was" : "s were"} emailed that ${r.notified === 1 ? "it is" : "they are"} waiting.` : ""}`;
});

export const paymentAction = memberAction({ back: invoicePage, roles: ROLES }, async ({ actor, audit }, formData: FormData) => {
  const r = await recordPayment(actor, formText(formData, "id"), { kind: formText(formData, "kind") || "PAYMENT", method: formText(formData, "method"), amount: formText(formData, "amount"), receivedOn: formText(formData, "receivedOn") }, audit);
  return r.receiptNumber ? `Payment recorded. Receipt ${documentNumber("RECEIPT", r.receiptNumber)} is ready.` : "Refund recorded.";
});

export const creditNoteAction = memberAction({ back: invoicePage, roles: ROLES }, async ({ actor, audit }, formData: FormData) => {
  const r = await issueCreditNote(actor, formText(formData, "id"), { reason: formText(formData, "reason") }, audit);
  return `Credit note ${documentNumber("CREDIT_NOTE", r.number)} issued for ${formatMoney(r.amountMinor, { currency: formText(formData, "currency") || "GBP", locale: formText(formData, "locale") || "en-GB" })}.`;
});

export const invoiceSettingsAction = memberAction({ back: () => "/invoices/settings", roles: ROLES }, async ({ actor, audit }, formData: FormData) => {
  await saveInvoiceSettings(actor, Object.fromEntries(["address", "vatExempt", "vatExemptText", "paymentInstructions", "paymentTermsDays", "retentionYears"].map((k) => [k, formText(formData, k)])), audit);
  return "Invoicing settings saved. They apply to invoices issued from now on.";
});

export const registrationAction = memberAction({ back: () => "/invoices/settings", roles: ROLES }, async ({ actor, audit }, formData: FormData) => {
  await saveRegistration(actor, { membershipId: formText(formData, "membershipId"), body: formText(formData, "body"), number: formText(formData, "number") }, audit);
  return "Registration saved.";
});
