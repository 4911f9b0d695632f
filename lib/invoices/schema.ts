import { z } from "zod";

// The invoicing boundary: every input from a form or a route is parsed here.

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
/** A checkbox: on when sent as "on" or "true" (or true); absent or "" when unticked. */
export const checkbox = z.union([z.string().max(10), z.boolean()]).optional().transform((v) => v === true || v === "on" || v === "true");

export const invoiceSettingsSchema = z.object({
  address: text(500),
  vatExempt: checkbox,
  vatExemptText: text(400).min(10, "Give the exemption wording (for example, the VAT Act 1994, Schedule 9, Group 7)."),
  paymentInstructions: text(1000),
  paymentTermsDays: z.coerce.number().int("Whole days.").min(0, "From 0 days.").max(365, "At most 365 days."),
  retentionYears: z.coerce.number().int().min(6, "At least 6 years (UK law).").max(100),
});
export type InvoiceSettingsInput = z.output<typeof invoiceSettingsSchema>;

export const registrationSchema = z.object({
  membershipId: z.uuid({ message: "Choose a clinician." }),
  body: text(40),
  number: text(40),
});

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month.");

export const issueRunSchema = z.object({
  month,
  grouping: z.enum(["client", "session"], { message: "Choose one invoice per client for the month, or one per session." }),
  notify: checkbox,
});

export const CREDIT_REASONS = {
  billed_in_error: "Billed in error",
  fee_changed: "Fee changed",
  waived: "Fee waived",
  duplicate: "Duplicate invoice",
} as const;
export type CreditReason = keyof typeof CREDIT_REASONS;

export const creditNoteSchema = z.object({
  reason: z.enum(Object.keys(CREDIT_REASONS) as [CreditReason, ...CreditReason[]], { message: "Choose why the invoice is credited." }),
});

/** "12.50" or "12" in the practice's major units to minor units, exactly (no floating point). */
export const amountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,7}([.,]\d{1,2})?$/, "Enter an amount like 60 or 60.00.")
  .transform((v) => {
    const [whole, frac = ""] = v.replace(",", ".").split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  });

export const PAYMENT_METHODS = { BANK_TRANSFER: "Bank transfer", CARD: "Card", CASH: "Cash", INSURER: "Insurer" } as const;

export const paymentSchema = z.object({
  kind: z.enum(["PAYMENT", "REFUND"]).default("PAYMENT"),
  method: z.enum(["BANK_TRANSFER", "CARD", "CASH", "INSURER"], { message: "Choose how it was paid." }),
  amount: amountSchema,
  receivedOn: z.iso.date({ message: "Choose the day it was received." }),
});

export const listQuerySchema = z.object({
  status: z.enum(["all", "unpaid", "paid", "credited"]).catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  client: z.string().trim().max(20).optional().catch(undefined),
});
