// The invoice rules in one place (pure, no database): numbers as people read them, what an
// invoice's status is from its payments and credit notes, due and retention days, aged-debt
// buckets. Amounts are integer minor units (pence, cents) throughout.
import { addCalendarMonths } from "@/lib/requests/due";
import { dateTimeFormat } from "@/lib/format/intl";

export type DocumentKind = "INVOICE" | "CREDIT_NOTE" | "RECEIPT";
const PREFIX: Record<DocumentKind, string> = { INVOICE: "INV", CREDIT_NOTE: "CN", RECEIPT: "RCT" };

/** "INV-000042": the practice's series prefix and the number, padded so they sort as text. */
export function documentNumber(kind: DocumentKind, number: number): string {
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError("Document numbers start at 1.");
  return `${PREFIX[kind]}-${String(number).padStart(6, "0")}`;
}

/** Back from "INV-000042" (any case, with or without padding) to 42; null when it is not one. */
export function parseDocumentNumber(kind: DocumentKind, text: string): number | null {
  const m = new RegExp(`^${PREFIX[kind]}-?(\\d{1,9})$`, "i").exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

export type InvoiceStatus = "OPEN" | "PART_PAID" | "PAID" | "OVERPAID" | "CREDITED";

export interface InvoiceMoney {
  totalMinor: number;
  /** The sum of its credit notes (negative or zero). */
  creditedMinor: number;
  /** Payments less refunds. */
  paidMinor: number;
}

/** What is still owed: the total less credit notes less net payments (negative when overpaid). */
export const balanceOf = (m: InvoiceMoney) => m.totalMinor + m.creditedMinor - m.paidMinor;

/** An invoice's status follows its money: credited in full, paid, part-paid, open or overpaid. */
export function statusOf(m: InvoiceMoney): InvoiceStatus {
  const due = m.totalMinor + m.creditedMinor;
  const balance = balanceOf(m);
  if (due <= 0 && m.paidMinor <= 0) return "CREDITED";
  if (balance < 0) return "OVERPAID";
  if (balance === 0) return "PAID";
  return m.paidMinor > 0 ? "PART_PAID" : "OPEN";
}

export const STATUS_LABELS: Record<InvoiceStatus, string> = { OPEN: "Unpaid", PART_PAID: "Part paid", PAID: "Paid", OVERPAID: "Overpaid", CREDITED: "Credited" };

/** Adds whole days to a date-only value ("2026-11-29" + 14). */
export function addDaysTo(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day an issued document must be kept: `years` after the end of the day it was issued. */
export function retainUntil(issuedOn: string, years: number): string {
  return addCalendarMonths(new Date(`${issuedOn}T00:00:00Z`), years * 12).toISOString().slice(0, 10);
}

/** UK default: 6 years (HMRC records for the self-employed and companies; Limitation Act 1980 s.5). */
export const DEFAULT_INVOICE_RETENTION_YEARS = 6;

export const AGE_BUCKETS = ["0-30", "31-60", "61-90", "90+"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Days overdue counted from the due day ("0-30" includes not yet due). */
export function ageBucket(dueOn: string, today: string): AgeBucket {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
  if (days <= 30) return "0-30";
  if (days <= 60) return "31-60";
  if (days <= 90) return "61-90";
  return "90+";
}

/** Whether a payment (or refund) of this amount is allowed against what is owed and paid. */
export function checkPayment(kind: "PAYMENT" | "REFUND", amountMinor: number, m: InvoiceMoney): string | null {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return "Enter an amount greater than zero.";
  if (kind === "PAYMENT" && amountMinor > Math.max(0, balanceOf(m))) return "That is more than is owed on this invoice. Record what was received, up to the amount owed.";
  if (kind === "REFUND" && amountMinor > m.paidMinor) return "A refund cannot be more than was paid on this invoice.";
  return null;
}

/** The service on a line: the appointment type's name and the day, never anything clinical. */
/** "Session, 6 October 2026" in the practice's locale ("Session, 6. Oktober 2026"): the line as issued. */
export const serviceDescription = (typeName: string, day: string, locale = "en-GB") =>
  `${typeName}, ${dateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`))}`;
