import { z } from "zod";

// The practice export's invoice entities (format version 1, added with invoices): the invoice
// settings, clinicians' registrations, the document counters (so numbering continues without a
// gap after a restore), the issued invoices and credit notes as they are, their lines, payments
// and refunds (with receipt numbers), and from the vault each invoice's addressee as issued
// (IDENTIFYING, like identities). An invoice's status is not stored: it follows from these.

const iso = z.iso.datetime({ offset: true });
const day = z.iso.date();
const uuid = z.uuid();
const minor = z.number().int().min(-1_000_000_000).max(1_000_000_000);

export const invoiceSettingsRow = z.object({
  address: z.string().max(2000),
  vatExempt: z.boolean(),
  vatExemptText: z.string().max(2000),
  paymentInstructions: z.string().max(2000),
  paymentTermsDays: z.number().int().min(0).max(365),
  retentionYears: z.number().int().min(6).max(100),
  updatedAt: iso,
});
export const clinicianRegistrationRow = z.object({ memberId: uuid, body: z.string().max(200), number: z.string().max(200) });
export const documentCounterRow = z.object({ series: z.enum(["INVOICE", "CREDIT_NOTE", "RECEIPT"]), next: z.number().int().min(1) });
export const invoiceRow = z.object({
  id: uuid,
  kind: z.enum(["INVOICE", "CREDIT_NOTE"]),
  number: z.number().int().min(1),
  clientCode: z.string(),
  issuedAt: iso,
  issuedOn: day,
  dueOn: day,
  currency: z.string().max(3),
  locale: z.string().max(35),
  practiceName: z.string().max(400),
  practiceAddress: z.string().max(2000),
  vatNote: z.string().max(2000).nullable(),
  paymentInstructions: z.string().max(2000),
  totalMinor: minor,
  /** A credit note's invoice (in this file), and its reason code. */
  creditsInvoiceId: uuid.nullable(),
  creditReason: z.string().max(40).nullable(),
  issuedById: uuid,
  retainUntil: day,
});
export const invoiceLineRow = z.object({
  id: uuid,
  invoiceId: uuid,
  position: z.number().int().min(0),
  appointmentId: uuid.nullable(),
  serviceDate: day,
  description: z.string().max(400),
  clinicianId: uuid,
  clinicianName: z.string().max(400),
  registration: z.string().max(400).nullable(),
  amountMinor: minor,
});
export const invoicePaymentRow = z.object({
  id: uuid,
  invoiceId: uuid,
  kind: z.enum(["PAYMENT", "REFUND"]),
  method: z.enum(["BANK_TRANSFER", "CARD", "CASH", "INSURER"]),
  amountMinor: z.number().int().min(1).max(1_000_000_000),
  receivedOn: day,
  receiptNumber: z.number().int().min(1).nullable(),
  recordedById: uuid,
  createdAt: iso,
});
export const invoiceAddresseeRow = z.object({ invoiceId: uuid, name: z.string().max(400), address: z.string().max(2000).nullable() });

type InvoiceCopied = Pick<z.infer<typeof invoiceRow>, "kind" | "number" | "clientCode" | "currency" | "locale" | "practiceName" | "practiceAddress" | "vatNote" | "paymentInstructions" | "totalMinor" | "creditsInvoiceId" | "creditReason">;

/** An invoice's fields that travel as they are (both ways: export and restore); dates and members are converted around it. */
export const invoiceCopied = (i: InvoiceCopied): InvoiceCopied => ({
  kind: i.kind,
  number: i.number,
  clientCode: i.clientCode,
  currency: i.currency,
  locale: i.locale,
  practiceName: i.practiceName,
  practiceAddress: i.practiceAddress,
  vatNote: i.vatNote,
  paymentInstructions: i.paymentInstructions,
  totalMinor: i.totalMinor,
  creditsInvoiceId: i.creditsInvoiceId,
  creditReason: i.creditReason,
});
