import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { z } from "zod";
import { requireInvoiceRole } from "./access";
import { takeNumbers } from "./numbering";
import { balanceOf, checkPayment, statusOf, type InvoiceMoney } from "./rules";
import { paymentSchema } from "./schema";

/**
 * Records money received against an invoice (bank transfer, card, cash, insurer; partial
 * payments allowed, never more than is owed), or a refund (never more than was paid). Each
 * payment gets the next number of the practice's receipt series: its receipt is the document
 * an insurer claim needs. The invoice's status follows from its payments; when it is paid in
 * full its appointments are marked paid in the schedule too (and unpaid again after a refund).
 */
export async function recordPayment(actor: Actor, invoiceId: string, input: unknown, context: AuditContext) {
  requireInvoiceRole(actor);
  const { kind, method, amount, receivedOn } = paymentSchema.parse(input);
  if (!z.uuid().safeParse(invoiceId).success) throw notFound("That invoice");
  const practiceId = actor.practiceId;
  return db().$transaction(async (tx) => {
    // One recording per invoice at a time (a second click, another member): the advisory lock below.
    const locked = await tx.$queryRaw<{ id: string; totalMinor: number; number: number; clientCode: string }[]>`
      SELECT id, "totalMinor", number, "clientCode" FROM "invoice" WHERE id = ${invoiceId}::uuid AND "practiceId" = ${practiceId}::uuid AND kind = 'INVOICE'`;
    const invoice = locked[0];
    if (!invoice) throw notFound("That invoice");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invoice-payment:${invoiceId}`}))`;
    const credited = await tx.invoice.aggregate({ where: { creditsInvoiceId: invoiceId, practiceId }, _sum: { totalMinor: true } });
    const paid = await tx.invoicePayment.groupBy({ by: ["kind"], where: { invoiceId, practiceId }, _sum: { amountMinor: true } });
    const money: InvoiceMoney = { totalMinor: invoice.totalMinor, creditedMinor: credited._sum.totalMinor ?? 0, paidMinor: paid.reduce((s, p) => s + (p.kind === "PAYMENT" ? 1 : -1) * (p._sum.amountMinor ?? 0), 0) };
    const refusal = checkPayment(kind, amount, money);
    if (refusal) throw new AppError("payment_refused", refusal, 400);
    const receiptNumber = kind === "PAYMENT" ? await takeNumbers(tx, practiceId, "RECEIPT", 1) : null;
    const payment = await tx.invoicePayment.create({ data: { practiceId, invoiceId, kind, method, amountMinor: amount, receivedOn: new Date(`${receivedOn}T00:00:00Z`), receiptNumber, recordedById: actor.membershipId } });
    const after: InvoiceMoney = { ...money, paidMinor: money.paidMinor + (kind === "PAYMENT" ? amount : -amount) };
    const status = statusOf(after);
    const appointmentIds = (await tx.invoiceLine.findMany({ where: { invoiceId, practiceId, appointmentId: { not: null } }, select: { appointmentId: true } })).map((l) => l.appointmentId!);
    if (status === "PAID" || status === "OVERPAID") {
      await tx.appointment.updateMany({ where: { id: { in: appointmentIds }, practiceId, paymentState: "UNPAID" }, data: { paymentState: "PAID", paidAt: new Date(`${receivedOn}T12:00:00Z`) } });
    } else if (kind === "REFUND") {
      await tx.appointment.updateMany({ where: { id: { in: appointmentIds }, practiceId, paymentState: "PAID" }, data: { paymentState: "UNPAID", paidAt: null } });
    }
    await recordAudit(tx, { practiceId, actor: memberActor(actor), action: "invoice.payment_recorded", target: { type: "client", id: invoice.clientCode }, outcome: "SUCCESS", context, details: { invoice: invoice.number, kind, method, amountMinor: amount, ...(receiptNumber === null ? {} : { receipt: receiptNumber }), balanceMinor: balanceOf(after) } });
    return { id: payment.id, receiptNumber, status, balanceMinor: balanceOf(after) };
  });
}
