import "server-only";
import { db } from "@/lib/db/client";
import { readPracticeAddressees } from "@/lib/vault/invoice-addressee";
import type { EntityRows } from "./archive";
import { invoiceCopied } from "./invoice-rows";

// The practice export's invoice entities: settings, registrations, counters, and every issued
// document with its lines and payments as they are; from the vault, each invoice's addressee
// as it was issued, decrypted (as identities are).

type InvoiceEntities = Pick<EntityRows, "invoice_settings" | "clinician_registrations" | "document_counters" | "invoices" | "invoice_lines" | "invoice_payments" | "invoice_addressees">;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function collectInvoices(practiceId: string): Promise<InvoiceEntities> {
  const prisma = db();
  const [settings, registrations, counters, invoices, lines, payments, addressees] = await Promise.all([
    prisma.invoiceSettings.findUnique({ where: { practiceId } }),
    prisma.clinicianRegistration.findMany({ where: { practiceId }, orderBy: { membershipId: "asc" } }),
    prisma.documentCounter.findMany({ where: { practiceId }, orderBy: { series: "asc" } }),
    prisma.invoice.findMany({ where: { practiceId }, orderBy: [{ kind: "asc" }, { number: "asc" }] }),
    prisma.invoiceLine.findMany({ where: { practiceId }, orderBy: [{ invoiceId: "asc" }, { position: "asc" }] }),
    prisma.invoicePayment.findMany({ where: { practiceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    readPracticeAddressees(practiceId),
  ]);
  return {
    invoice_settings: settings
      ? [{ address: settings.address, vatExempt: settings.vatExempt, vatExemptText: settings.vatExemptText, paymentInstructions: settings.paymentInstructions, paymentTermsDays: settings.paymentTermsDays, retentionYears: settings.retentionYears, updatedAt: settings.updatedAt.toISOString() }]
      : [],
    clinician_registrations: registrations.map((r) => ({ memberId: r.membershipId, body: r.body, number: r.number })),
    document_counters: counters.map((c) => ({ series: c.series, next: c.next })),
    invoices: invoices.map((i) => ({
      id: i.id,
      ...invoiceCopied(i),
      issuedAt: i.issuedAt.toISOString(),
      issuedOn: dayOf(i.issuedOn),
      dueOn: dayOf(i.dueOn),
      issuedById: i.issuedById,
      retainUntil: dayOf(i.retainUntil),
    })),
    invoice_lines: lines.map((l) => ({
      id: l.id,
      invoiceId: l.invoiceId,
      position: l.position,
      appointmentId: l.appointmentId,
      serviceDate: dayOf(l.serviceDate),
      description: l.description,
      clinicianId: l.clinicianId,
      clinicianName: l.clinicianName,
      registration: l.registration,
      amountMinor: l.amountMinor,
    })),
    invoice_payments: payments.map((p) => ({ id: p.id, invoiceId: p.invoiceId, kind: p.kind, method: p.method, amountMinor: p.amountMinor, receivedOn: dayOf(p.receivedOn), receiptNumber: p.receiptNumber, recordedById: p.recordedById, createdAt: p.createdAt.toISOString() })),
    invoice_addressees: invoices.flatMap((i) => {
      const a = addressees.get(i.id);
      return a ? [{ invoiceId: i.id, name: a.name, address: a.address }] : [];
    }),
  };
}
