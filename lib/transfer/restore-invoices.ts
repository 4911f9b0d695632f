import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { chunks } from "./bulk";
import type { ImportMaps } from "./check-practice-import";
import { invoiceCopied } from "./invoice-rows";

// Invoices on restore: issued documents are inserted as they were (numbers, amounts, dates,
// credit-note references; the immutability trigger refuses only UPDATE and DELETE), and the
// counters are set to the archive's so the next number continues without a gap. The addressees
// go to the vault with the rest of the identifying data (restore-vault.ts).

const date = (day: string) => new Date(`${day}T00:00:00Z`);

export async function restoreInvoices(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps) {
  const { member, clientIdOf } = maps;
  for (const s of rows.invoice_settings) {
    const data = { address: s.address, vatExempt: s.vatExempt, vatExemptText: s.vatExemptText, paymentInstructions: s.paymentInstructions, paymentTermsDays: s.paymentTermsDays, retentionYears: s.retentionYears, updatedAt: new Date(s.updatedAt) };
    await tx.invoiceSettings.upsert({ where: { practiceId }, create: { practiceId, ...data }, update: data });
  }
  for (const r of rows.clinician_registrations) {
    const membershipId = member(r.memberId);
    await tx.clinicianRegistration.upsert({ where: { membershipId }, create: { membershipId, practiceId, body: r.body, number: r.number }, update: { body: r.body, number: r.number } });
  }
  for (const c of rows.document_counters) {
    await tx.documentCounter.upsert({ where: { practiceId_series: { practiceId, series: c.series } }, create: { practiceId, series: c.series, next: c.next }, update: { next: c.next } });
  }
  // Invoices before the credit notes that refer to them.
  const ordered = [...rows.invoices.filter((i) => i.kind === "INVOICE"), ...rows.invoices.filter((i) => i.kind === "CREDIT_NOTE")];
  for (const part of chunks(ordered)) {
    await tx.invoice.createMany({
      data: part.map((i) => ({
        id: i.id,
        practiceId,
        ...invoiceCopied(i),
        clientId: clientIdOf.get(i.clientCode)!,
        issuedAt: new Date(i.issuedAt),
        issuedOn: date(i.issuedOn),
        dueOn: date(i.dueOn),
        issuedById: member(i.issuedById),
        retainUntil: date(i.retainUntil),
      })),
    });
  }
  for (const part of chunks(rows.invoice_lines)) {
    await tx.invoiceLine.createMany({
      data: part.map((l) => ({ id: l.id, practiceId, invoiceId: l.invoiceId, position: l.position, appointmentId: l.appointmentId, serviceDate: date(l.serviceDate), description: l.description, clinicianId: member(l.clinicianId), clinicianName: l.clinicianName, registration: l.registration, amountMinor: l.amountMinor })),
    });
  }
  for (const part of chunks(rows.invoice_payments)) {
    await tx.invoicePayment.createMany({
      data: part.map((p) => ({ id: p.id, practiceId, invoiceId: p.invoiceId, kind: p.kind, method: p.method, amountMinor: p.amountMinor, receivedOn: date(p.receivedOn), receiptNumber: p.receiptNumber, recordedById: member(p.recordedById), createdAt: new Date(p.createdAt) })),
    });
  }
}

/** Problems with the archive's invoices before anything is written (references, numbers, counters). */
export function invoiceProblems(rows: EntityRows, clientIdOf: Map<string, string>): string[] {
  const problems: string[] = [];
  const byId = new Map(rows.invoices.map((i) => [i.id, i]));
  const numbers = new Set<string>();
  for (const i of rows.invoices) {
    if (!clientIdOf.has(i.clientCode)) problems.push(`Invoice ${i.id} belongs to a client code that is not in clients.json.`);
    if (numbers.has(`${i.kind}:${i.number}`)) problems.push(`Two documents of kind ${i.kind} carry number ${i.number}.`);
    numbers.add(`${i.kind}:${i.number}`);
    const credited = i.creditsInvoiceId ? byId.get(i.creditsInvoiceId) : undefined;
    if (i.kind === "CREDIT_NOTE" && credited?.kind !== "INVOICE") problems.push(`Credit note ${i.id} refers to an invoice that is not in invoices.json.`);
    if (i.kind === "INVOICE" && i.creditsInvoiceId) problems.push(`Invoice ${i.id} refers to another invoice as if it were a credit note.`);
  }
  const receipts = new Set<number>();
  for (const l of rows.invoice_lines) if (!byId.has(l.invoiceId)) problems.push(`Invoice line ${l.id} belongs to an invoice that is not in invoices.json.`);
  for (const p of rows.invoice_payments) {
    if (byId.get(p.invoiceId)?.kind !== "INVOICE") problems.push(`Payment ${p.id} belongs to an invoice that is not in invoices.json.`);
    if (p.receiptNumber !== null && receipts.has(p.receiptNumber)) problems.push(`Two payments carry receipt number ${p.receiptNumber}.`);
    if (p.receiptNumber !== null) receipts.add(p.receiptNumber);
  }
  for (const a of rows.invoice_addressees) if (!byId.has(a.invoiceId)) problems.push(`An addressee belongs to invoice ${a.invoiceId}, which is not in invoices.json.`);
  // The counters must be past every number used, or the next document would repeat one.
  const next = new Map(rows.document_counters.map((c) => [c.series, c.next]));
  const highest = (series: "INVOICE" | "CREDIT_NOTE" | "RECEIPT", used: number[]) => {
    const top = used.reduce((m, n) => Math.max(m, n), 0);
    if (top >= (next.get(series) ?? 1)) problems.push(`The ${series.toLowerCase().replace("_", " ")} counter in document_counters.json is not past the highest number used (${top}).`);
  };
  highest("INVOICE", rows.invoices.filter((i) => i.kind === "INVOICE").map((i) => i.number));
  highest("CREDIT_NOTE", rows.invoices.filter((i) => i.kind === "CREDIT_NOTE").map((i) => i.number));
  highest("RECEIPT", [...receipts]);
  if (rows.invoice_settings.length > 1) problems.push("invoice_settings.json has more than one row.");
  return problems;
}

/** Member ids the archive's invoices refer to (each must be a member here). */
export const invoiceMemberIds = (rows: EntityRows) => [
  ...rows.clinician_registrations.map((r) => r.memberId),
  ...rows.invoices.map((i) => i.issuedById),
  ...rows.invoice_lines.map((l) => l.clinicianId),
  ...rows.invoice_payments.map((p) => p.recordedById),
];
