import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createStaffedPractice, setUpTestDatabase } from "../support/factory";
import { seedAppointments } from "../support/invoices";

// Invoices against a real database: gapless numbering under parallel runs, immutability enforced
// by the database, credit notes, payments and refunds driving the status, the addressee sealed
// in the vault and revealed only under the statements' rules, erasure refused in part for
// invoices within retention, the retention job, and another practice seeing nothing.

const context = { requestId: null, ip: "198.51.100.77", userAgent: "invoices-test" };
const db = setUpTestDatabase({ connections: 4 });
const NAME = "Peregrine Achterberg-Wolde";
const ADDRESS = "3 Quarry Lane\nHebden Bridge\nHX7 8AA";
let owner: Actor;
let therapist: Actor;
let manager: Actor;
let outsider: Actor;
let practiceId: string;
let clientId: string;
let clientCode: string;

const lib = async () => ({
  ...(await import("@/lib/invoices/issue-invoices")),
  ...(await import("@/lib/invoices/credit-note")),
  ...(await import("@/lib/invoices/record-payment")),
  ...(await import("@/lib/invoices/open-invoice")),
  ...(await import("@/lib/invoices/list-invoices")),
  ...(await import("@/lib/invoices/money-views")),
  ...(await import("@/lib/invoices/settings")),
});

async function newClient(actor: Actor, fullName: string) {
  const { createClient } = await import("@/lib/clients/create-client");
  const { client } = await createClient(actor, { label: "Invoiced", identity: { fullName, address: ADDRESS, email: `${fullName.split(" ")[0]!.toLowerCase()}@example.org` } }, context);
  return client;
}

beforeAll(async () => {
  ({ owner, therapist, manager, outsider } = await createStaffedPractice("Calder Valley Therapy"));
  practiceId = owner.practiceId;
  const client = await newClient(therapist, NAME);
  clientId = client.id;
  clientCode = client.code;
  const { saveInvoiceSettings, saveRegistration } = await lib();
  await saveInvoiceSettings(owner, { address: "1 Mill Yard\nTodmorden OL14 5AA", vatExempt: "on", vatExemptText: "Exempt from VAT: medical care (VAT Act 1994, Sch. 9 Group 7).", paymentInstructions: "Sort code 12-34-56, account 12345678", paymentTermsDays: "14", retentionYears: "6" }, context);
  await saveRegistration(owner, { membershipId: therapist.membershipId, body: "BACP", number: "00123456" }, context);
});

describe("issuing", () => {
  it("issues one invoice per client for the month from attended and late-cancelled sessions, with the practice's details", async () => {
    const { issueInvoices, loadInvoiceDocument } = await lib();
    await seedAppointments(db.prisma, { practiceId, clinicianId: therapist.membershipId, createdById: therapist.membershipId, clientIds: [clientId], month: "2026-03", perClient: 3 });
    await seedAppointments(db.prisma, { practiceId, clinicianId: therapist.membershipId, createdById: therapist.membershipId, clientIds: [clientId], month: "2026-03", perClient: 1, status: "CANCELLED_LATE", feePence: 3000, firstSlot: 3 });
    await seedAppointments(db.prisma, { practiceId, clinicianId: therapist.membershipId, createdById: therapist.membershipId, clientIds: [clientId], month: "2026-03", perClient: 1, status: "CANCELLED_BY_CLIENT", firstSlot: 4 });
    const result = await issueInvoices(owner, { month: "2026-03", grouping: "client" }, context);
    expect(result).toMatchObject({ issued: 1, totalMinor: 3 * 6000 + 3000, firstNumber: 1, lastNumber: 1 });
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 }, include: { lines: true } });
    expect(invoice).toMatchObject({ clientCode, currency: "GBP", locale: "en-GB", practiceName: "Calder Valley Therapy", practiceAddress: "1 Mill Yard\nTodmorden OL14 5AA", paymentInstructions: "Sort code 12-34-56, account 12345678" });
    expect(invoice.vatNote).toContain("VAT Act 1994");
    expect(invoice.lines).toHaveLength(4);
    expect(invoice.lines.every((l) => l.registration === "BACP 00123456" && /^Session, \d{1,2} March 2026$/.test(l.description))).toBe(true);
    // The clinical side holds no name or address anywhere in the invoice's rows.
    expect(JSON.stringify(invoice)).not.toContain("Peregrine");
    // A second run finds nothing new: an appointment is invoiced once.
    expect((await issueInvoices(owner, { month: "2026-03", grouping: "client" }, context)).issued).toBe(0);
    const doc = await loadInvoiceDocument(practiceId, invoice.id);
    expect(doc?.status).toBe("OPEN");
  });

  it("refuses therapists and another practice's members, and another practice sees none of ours", async () => {
    const { issueInvoices, listInvoices, openInvoice } = await lib();
    await expect(issueInvoices(therapist, { month: "2026-03", grouping: "client" }, context)).rejects.toMatchObject({ status: 403 });
    expect((await listInvoices(outsider, {})).total).toBe(0);
    const ours = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId } });
    await expect(openInvoice(outsider, ours.id, context)).rejects.toMatchObject({ status: 404 });
    const { recordPayment } = await lib();
    await expect(recordPayment(outsider, ours.id, { method: "CASH", amount: "10", receivedOn: "2026-04-01" }, context)).rejects.toMatchObject({ status: 404 });
    const { issueCreditNote } = await lib();
    await expect(issueCreditNote(outsider, ours.id, { reason: "billed_in_error" }, context)).rejects.toMatchObject({ status: 404 });
    expect(await db.prisma.invoicePayment.count({ where: { invoiceId: ours.id } })).toBe(0);
  });

  it("numbers without gaps or repeats when many runs issue at once", async () => {
    const { issueInvoices } = await lib();
    const t2 = await createMember({ practice: practiceId, role: "THERAPIST", tag: "par" });
    const clients = [];
    for (let i = 0; i < 6; i++) clients.push((await newClient(t2, `Parallel Client${i} Example`)).id);
    const months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];
    for (const month of months) await seedAppointments(db.prisma, { practiceId, clinicianId: t2.membershipId, createdById: t2.membershipId, clientIds: clients, month, perClient: 2 });
    const before = await db.prisma.invoice.count({ where: { practiceId, kind: "INVOICE" } });
    // Every month twice at once: per session, so each run has 12 invoices to issue.
    const runs = await Promise.all([...months, ...months].map((month) => issueInvoices(owner, { month, grouping: "session" }, context)));
    expect(runs.reduce((s, r) => s + r.issued, 0)).toBe(months.length * 12);
    const numbers = (await db.prisma.invoice.findMany({ where: { practiceId, kind: "INVOICE" }, select: { number: true }, orderBy: { number: "asc" } })).map((i) => i.number);
    expect(numbers).toEqual(Array.from({ length: before + months.length * 12 }, (_, i) => i + 1));
    // Each appointment is on exactly one invoice.
    const lines = await db.prisma.invoiceLine.findMany({ where: { practiceId, clinicianId: t2.membershipId }, select: { appointmentId: true } });
    expect(new Set(lines.map((l) => l.appointmentId)).size).toBe(lines.length);
    // Every invoice has its sealed addressee, and no addressee is left without an invoice.
    const { sealedAddressees } = await import("@/lib/vault/invoice-addressee");
    const sealed = await sealedAddressees(practiceId);
    const ids = new Set((await db.prisma.invoice.findMany({ where: { practiceId }, select: { id: true } })).map((i) => i.id));
    expect(sealed.every((s) => ids.has(s.invoice_id))).toBe(true);
    expect(sealed.length).toBe(ids.size);
  });
});

describe("telling the client", () => {
  it("emails clients with portal access that a document is waiting, with no amount, name or service", async () => {
    const { issueInvoices } = await lib();
    const t5 = await createMember({ practice: practiceId, role: "THERAPIST", tag: "mail" });
    const c = await newClient(t5, "Mailable Quintessa Person");
    await db.prisma.portalAccess.create({ data: { clientId: c.id, pinHash: "not-a-real-hash", issuedById: t5.membershipId } });
    await seedAppointments(db.prisma, { practiceId, clinicianId: t5.membershipId, createdById: t5.membershipId, clientIds: [c.id], month: "2026-07", perClient: 2 });
    const sentBefore = Date.now();
    const result = await issueInvoices(owner, { month: "2026-07", grouping: "session", notify: "on" }, context);
    expect(result).toMatchObject({ issued: 2, notified: 1 });
    const { readOutbox } = await import("@/lib/email/transport");
    const mine = (await readOutbox(20)).filter((e) => e.to === "mailable@example.org" && Date.parse(e.sentAt) >= sentBefore - 1000);
    expect(mine).toHaveLength(1);
    const all = mine[0]!.subject + mine[0]!.text;
    expect(all).toContain("Calder Valley Therapy");
    expect(all).toContain("2 new invoices are waiting");
    expect(all).not.toMatch(/£|120|60\.00|Mailable|Quintessa|Session|BACP|INV-/);
    const notified = await db.prisma.auditEvent.findMany({ where: { practiceId, action: "invoice.client_notified", targetId: c.code } });
    expect(notified).toHaveLength(1);
  });
});

describe("an issued invoice never changes", () => {
  it("the database refuses UPDATE and DELETE of invoices, lines and payments, for the app and the owner role", async () => {
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 } });
    await expect(db.prisma.invoice.update({ where: { id: invoice.id }, data: { totalMinor: 1 } })).rejects.toThrow();
    await expect(db.prisma.invoiceLine.updateMany({ where: { invoiceId: invoice.id }, data: { amountMinor: 1 } })).rejects.toThrow();
    await expect(db.prisma.invoice.delete({ where: { id: invoice.id } })).rejects.toThrow();
    const pg = (await import("pg")).default;
    const ownerClient = new pg.Client({ connectionString: db.database.ownerUrl });
    await ownerClient.connect();
    try {
      await expect(ownerClient.query(`UPDATE invoice SET "totalMinor" = 1 WHERE id = $1`, [invoice.id])).rejects.toThrow(/never change/);
      await expect(ownerClient.query(`DELETE FROM invoice_line WHERE "invoiceId" = $1`, [invoice.id])).rejects.toThrow(/retention job/);
      // Even the retention path cannot remove a document within its period.
      await ownerClient.query("BEGIN");
      await ownerClient.query("SELECT set_config('confide.invoice_retention', 'on', true)");
      await expect(ownerClient.query(`DELETE FROM invoice_line WHERE "invoiceId" = $1`, [invoice.id])).rejects.toThrow(/retention period/);
      await ownerClient.query("ROLLBACK");
      await expect(ownerClient.query(`TRUNCATE invoice CASCADE`)).rejects.toThrow();
    } finally {
      await ownerClient.end();
    }
    const after = await db.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(after.totalMinor).toBe(invoice.totalMinor);
  });
});

describe("payments, refunds and credit notes", () => {
  it("follows partial payment, full payment and a refund, with gapless receipt numbers, and marks the appointments paid", async () => {
    const { recordPayment, loadInvoiceDocument } = await lib();
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 } });
    const r1 = await recordPayment(manager, invoice.id, { method: "BANK_TRANSFER", amount: "50.00", receivedOn: "2026-04-02" }, context);
    expect(r1).toMatchObject({ status: "PART_PAID", balanceMinor: 21000 - 5000 });
    await expect(recordPayment(manager, invoice.id, { method: "CASH", amount: "160.01", receivedOn: "2026-04-03" }, context)).rejects.toMatchObject({ status: 400 });
    const [a, b] = await Promise.all([
      recordPayment(owner, invoice.id, { method: "CARD", amount: "80", receivedOn: "2026-04-03" }, context),
      recordPayment(owner, invoice.id, { method: "INSURER", amount: "80", receivedOn: "2026-04-03" }, context),
    ]);
    expect([a.receiptNumber, b.receiptNumber].sort()).toEqual([2, 3]);
    const doc = await loadInvoiceDocument(practiceId, invoice.id);
    expect(doc).toMatchObject({ status: "PAID", balanceMinor: 0 });
    const lines = await db.prisma.invoiceLine.findMany({ where: { invoiceId: invoice.id } });
    const appts = await db.prisma.appointment.findMany({ where: { id: { in: lines.map((l) => l.appointmentId!) } } });
    expect(appts.every((x) => x.paymentState === "PAID")).toBe(true);
    await expect(recordPayment(owner, invoice.id, { kind: "REFUND", method: "CARD", amount: "210.01", receivedOn: "2026-04-04" }, context)).rejects.toMatchObject({ status: 400 });
    const refund = await recordPayment(owner, invoice.id, { kind: "REFUND", method: "CARD", amount: "30", receivedOn: "2026-04-04" }, context);
    expect(refund).toMatchObject({ status: "PART_PAID", balanceMinor: 3000, receiptNumber: null });
    const after = await db.prisma.appointment.findMany({ where: { id: { in: lines.map((l) => l.appointmentId!) } } });
    expect(after.every((x) => x.paymentState === "UNPAID")).toBe(true);
    const events = await db.prisma.auditEvent.findMany({ where: { practiceId, action: "invoice.payment_recorded" } });
    expect(events).toHaveLength(4);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("Peregrine");
  });

  it("corrects by a credit note that references the invoice; the invoice is unchanged and its sessions can be invoiced again", async () => {
    const { issueCreditNote, issueInvoices, loadInvoiceDocument } = await lib();
    const t3 = await createMember({ practice: practiceId, role: "THERAPIST", tag: "cn" });
    const c = await newClient(t3, "Credit Noted Person");
    await seedAppointments(db.prisma, { practiceId, clinicianId: t3.membershipId, createdById: t3.membershipId, clientIds: [c.id], month: "2026-05", perClient: 2 });
    await issueInvoices(owner, { month: "2026-05", grouping: "client" }, context);
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, clientId: c.id } });
    const cn = await issueCreditNote(manager, invoice.id, { reason: "fee_changed" }, context);
    expect(cn.amountMinor).toBe(12000);
    const note = await db.prisma.invoice.findUniqueOrThrow({ where: { id: cn.id }, include: { lines: true } });
    expect(note).toMatchObject({ kind: "CREDIT_NOTE", creditsInvoiceId: invoice.id, totalMinor: -12000, creditReason: "fee_changed", number: 1 });
    expect(note.lines.map((l) => l.amountMinor)).toEqual([-6000, -6000]);
    expect((await loadInvoiceDocument(practiceId, invoice.id))?.status).toBe("CREDITED");
    await expect(issueCreditNote(manager, invoice.id, { reason: "duplicate" }, context)).rejects.toMatchObject({ status: 409 });
    const again = await issueInvoices(owner, { month: "2026-05", grouping: "client" }, context);
    expect(again.issued).toBe(1);
    expect(await db.prisma.invoice.count({ where: { practiceId, kind: "CREDIT_NOTE" } })).toBe(1);
  });
});

describe("opening an invoice is an audited reveal", () => {
  it("shows the sealed addressee to an assigned clinician-owner after step-up, and records it by code", async () => {
    const { openInvoice } = await lib();
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 } });
    // The owner is not assigned: refused as for statements, and recorded.
    await expect(openInvoice(owner, invoice.id, context)).rejects.toMatchObject({ status: 403 });
    await db.prisma.clientAssignment.create({ data: { clientId, membershipId: owner.membershipId } });
    await expect(openInvoice({ ...owner, stepUpAt: null }, invoice.id, context)).rejects.toMatchObject({ code: "step_up_required" });
    const doc = await openInvoice(owner, invoice.id, context);
    expect(doc.addressee).toEqual({ name: NAME, address: ADDRESS });
    const opened = await db.prisma.auditEvent.findMany({ where: { practiceId, action: { in: ["invoice.opened", "identity.revealed"] }, targetId: clientCode } });
    expect(opened.map((e) => e.action).sort()).toEqual(["identity.revealed", "invoice.opened"]);
    expect(JSON.stringify(opened.map((e) => [e.details, e.targetId]))).not.toContain("Peregrine");
    // A manager where the owner does not allow contact reveal: refused.
    await expect(openInvoice(manager, invoice.id, context)).rejects.toMatchObject({ status: 403 });
  });

  it("keeps the addressee as it was at issue when the identity changes later", async () => {
    const { storeIdentity } = await import("@/lib/vault/store-identity");
    const { identitySchema } = await import("@/lib/vault/schema");
    await storeIdentity({ id: clientId, practiceId }, identitySchema.parse({ fullName: "Someone Renamed", address: "Elsewhere" }));
    const { openInvoice } = await lib();
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 } });
    expect((await openInvoice(owner, invoice.id, context)).addressee?.name).toBe(NAME);
  });
});

describe("key rotation", () => {
  it("re-wraps the addressee keys with the identity keys, and the addressee stays readable", async () => {
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId, number: 1 } });
    const pg = (await import("pg")).default;
    const vault = new pg.Client({ connectionString: db.database.vaultUrl });
    await vault.connect();
    try {
      await vault.query("UPDATE vault.invoice_addressee SET master_key_id = -1 WHERE invoice_id = $1", [invoice.id]);
      const { rewrapIdentityKeys } = await import("@/lib/vault/rewrap-identity-keys");
      const result = await rewrapIdentityKeys();
      expect(result.remaining).toBe(0);
      expect(result.rewrapped).toBeGreaterThanOrEqual(1);
      const { rows } = await vault.query<{ master_key_id: number }>("SELECT master_key_id FROM vault.invoice_addressee WHERE invoice_id = $1", [invoice.id]);
      expect(rows[0]!.master_key_id).not.toBe(-1);
    } finally {
      await vault.end();
    }
    const { readAddressee } = await import("@/lib/vault/invoice-addressee");
    expect((await readAddressee(practiceId, invoice.id))?.name).toBe(NAME);
  });
});

describe("money views", () => {
  it("ages what is owed by days past due and totals takings per clinician and month", async () => {
    const { agedDebt, takings } = await lib();
    const debt = await agedDebt(owner, new Date("2030-01-01T12:00:00Z"));
    expect(debt.buckets["90+"].owedMinor).toBe(debt.totalMinor);
    expect(debt.totalMinor).toBeGreaterThan(0);
    const now = await agedDebt(owner);
    const sum = Object.values(now.buckets).reduce((s, b) => s + b.owedMinor, 0);
    expect(sum).toBe(now.totalMinor);
    const rows = await takings(owner, 120);
    const april = rows.filter((r) => r.month === "2026-04");
    // 50 + 80 + 80 received, 30 refunded: £180 for the therapist in April 2026.
    expect(april).toEqual([{ month: "2026-04", clinicianId: therapist.membershipId, clinicianName: therapist.displayName, receivedMinor: 18000 }]);
    await expect(agedDebt(therapist)).rejects.toMatchObject({ status: 403 });
  });
});

describe("erasure and retention", () => {
  it("erasure keeps invoices within retention (refused in part with the Art. 17(3)(b) ground) and destroys them after the period", async () => {
    const { issueInvoices } = await lib();
    const t4 = await createMember({ practice: practiceId, role: "THERAPIST", tag: "er" });
    const c = await newClient(t4, "Erasable Person");
    await seedAppointments(db.prisma, { practiceId, clinicianId: t4.membershipId, createdById: t4.membershipId, clientIds: [c.id], month: "2019-01", perClient: 1 });
    await seedAppointments(db.prisma, { practiceId, clinicianId: t4.membershipId, createdById: t4.membershipId, clientIds: [c.id], month: "2026-06", perClient: 1 });
    // One issued in 2019 (kept until 2025: past), one now.
    await issueInvoices(owner, { month: "2019-01", grouping: "client" }, context, new Date("2019-02-01T10:00:00Z"));
    await issueInvoices(owner, { month: "2026-06", grouping: "client" }, context);
    const invoices = await db.prisma.invoice.findMany({ where: { practiceId, clientId: c.id }, orderBy: { issuedOn: "asc" } });
    expect(invoices.map((i) => i.retainUntil.toISOString().slice(0, 10))[0]).toBe("2025-02-01");

    const { fulfilErasure } = await import("@/lib/requests/fulfil-erasure");
    const request = await db.prisma.dataRequest.create({ data: { practiceId, clientId: c.id, clientCode: c.code, kind: "ERASURE", clockStartedAt: new Date(), dueOn: new Date("2030-01-01"), identityVerified: true } });
    await fulfilErasure(owner, request.id, context);
    const closed = await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(closed.status).toBe("PARTLY_REFUSED");
    expect(closed.legalGround).toBe("legal_obligation");
    expect(closed.outcome).toContain("Art. 17(3)(b)");
    expect(closed.outcome).not.toContain("Erasable");
    const left = await db.prisma.invoice.findMany({ where: { practiceId, clientId: c.id } });
    expect(left.map((i) => i.id)).toEqual([invoices[1]!.id]);
    expect(await db.prisma.client.count({ where: { id: c.id } })).toBe(0);
    // The kept invoice's addressee is still readable by the owner (the client's identity is gone).
    const { readIdentity } = await import("@/lib/vault/read-identity");
    expect(await readIdentity({ id: c.id, practiceId })).toBeNull();
    const { openInvoice } = await lib();
    expect((await openInvoice(owner, invoices[1]!.id, context)).addressee?.name).toBe("Erasable Person");
    await expect(openInvoice(manager, invoices[1]!.id, context)).rejects.toMatchObject({ status: 403 });

    // The retention job leaves it alone within the period, and destroys it (and its addressee) after.
    const { runRetention } = await import("@/lib/retention/review");
    await runRetention();
    expect(await db.prisma.invoice.count({ where: { id: invoices[1]!.id } })).toBe(1);
    // Move the kept invoice's period into the past, as only a migration-owner could.
    const pg = (await import("pg")).default;
    const ownerClient = new pg.Client({ connectionString: db.database.ownerUrl });
    await ownerClient.connect();
    await ownerClient.query(`ALTER TABLE invoice DISABLE TRIGGER invoice_immutable`);
    await ownerClient.query(`UPDATE invoice SET "retainUntil" = '2020-01-01' WHERE id = $1`, [invoices[1]!.id]);
    await ownerClient.query(`ALTER TABLE invoice ENABLE ALWAYS TRIGGER invoice_immutable`);
    await ownerClient.end();
    await runRetention();
    expect(await db.prisma.invoice.count({ where: { clientId: c.id } })).toBe(0);
    expect(await db.prisma.invoiceLine.count({ where: { invoiceId: invoices[1]!.id } })).toBe(0);
    const { readAddressee } = await import("@/lib/vault/invoice-addressee");
    expect(await readAddressee(practiceId, invoices[1]!.id)).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { practiceId, action: "invoice.destroyed" } })).toBe(1);
  });
});
