import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { toLocal } from "@/lib/schedule/time";
import { destroyAddressees, sealAddressees } from "@/lib/vault/invoice-addressee";
import { z } from "zod";
import { requireInvoiceRole } from "./access";
import { takeNumbers } from "./numbering";
import { documentNumber, retainUntil } from "./rules";
import { creditNoteSchema } from "./schema";
import { invoiceSettingsOf } from "./settings";

/**
 * Corrects an issued invoice the only way there is: a credit note for what it still charges
 * (its total less earlier credit notes), numbered in the practice's credit-note series, with
 * the invoice's lines negated and a reason code. The invoice itself never changes; once
 * credited, its appointments can be invoiced again. Money already paid stays recorded: refund
 * it on the invoice if it is to go back.
 */
export async function issueCreditNote(actor: Actor, invoiceId: string, input: unknown, context: AuditContext, now = new Date()) {
  requireInvoiceRole(actor);
  const { reason } = creditNoteSchema.parse(input);
  if (!z.uuid().safeParse(invoiceId).success) throw notFound("That invoice");
  const practiceId = actor.practiceId;
  const invoice = await db().invoice.findFirst({ where: { id: invoiceId, practiceId, kind: "INVOICE" }, include: { lines: { orderBy: { position: "asc" } } } });
  if (!invoice) throw notFound("That invoice");
  const id = randomUUID();
  await sealAddressees(practiceId, [{ invoiceId: id, clientId: invoice.clientId }]);
  let done = false;
  try {
    const result = await db().$transaction(async (tx) => {
      // Serialise credit notes of this practice, then re-read what is left to credit.
      const number = await takeNumbers(tx, practiceId, "CREDIT_NOTE", 1);
      const credited = await tx.invoice.aggregate({ where: { creditsInvoiceId: invoice.id, practiceId }, _sum: { totalMinor: true } });
      const remaining = invoice.totalMinor + (credited._sum.totalMinor ?? 0);
      if (remaining <= 0) throw new AppError("already_credited", "This invoice has already been credited in full.", 409);
      const practice = await tx.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { timeZone: true, currency: true, locale: true, name: true } });
      const settings = await invoiceSettingsOf(tx, practiceId);
      const issuedOn = toLocal(now, practice.timeZone).date;
      await tx.invoice.create({
        data: {
          id, practiceId, kind: "CREDIT_NOTE", number, clientId: invoice.clientId, clientCode: invoice.clientCode, issuedAt: now,
          issuedOn: new Date(`${issuedOn}T00:00:00Z`), dueOn: new Date(`${issuedOn}T00:00:00Z`), currency: invoice.currency, locale: invoice.locale,
          practiceName: invoice.practiceName, practiceAddress: invoice.practiceAddress, vatNote: invoice.vatNote, paymentInstructions: "",
          totalMinor: -remaining, creditsInvoiceId: invoice.id, creditReason: reason, issuedById: actor.membershipId,
          retainUntil: new Date(`${retainUntil(issuedOn, settings.retentionYears)}T00:00:00Z`),
        },
      });
      // The lines, negated; a partly credited invoice gets one line for what is left.
      const lines = remaining === invoice.totalMinor ? invoice.lines.map((l) => ({ ...l, amountMinor: -l.amountMinor })) : [{ ...invoice.lines[0]!, description: `Remaining balance of ${documentNumber("INVOICE", invoice.number)}`, amountMinor: -remaining }];
      await tx.invoiceLine.createMany({ data: lines.map((l, position) => ({ practiceId, invoiceId: id, position, appointmentId: null, serviceDate: l.serviceDate, description: l.description, clinicianId: l.clinicianId, clinicianName: l.clinicianName, registration: l.registration, amountMinor: l.amountMinor })) });
      await recordAudit(tx, { practiceId, actor: memberActor(actor), action: "invoice.credited", target: { type: "client", id: invoice.clientCode }, outcome: "SUCCESS", context, details: { invoice: invoice.number, creditNumber: number, amountMinor: remaining, reason } });
      return { id, number, amountMinor: remaining };
    });
    done = true;
    return result;
  } finally {
    if (!done) await destroyAddressees(practiceId, [id]);
  }
}
