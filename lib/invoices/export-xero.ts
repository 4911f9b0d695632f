import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { monthBounds } from "@/lib/schedule/time";
import { requireInvoiceRole } from "./access";
import { month as monthSchema } from "./schema";
import { xeroCsv } from "./xero-csv";

/** The month's invoices and credit notes (by issue day) as Xero's import CSV; audited. */
export async function exportXero(actor: Actor, rawMonth: unknown, context: AuditContext) {
  requireInvoiceRole(actor);
  const month = monthSchema.parse(rawMonth);
  const { first, next } = monthBounds(month);
  const invoices = await db().invoice.findMany({
    where: { practiceId: actor.practiceId, issuedOn: { gte: new Date(`${first}T00:00:00Z`), lt: new Date(`${next}T00:00:00Z`) } },
    orderBy: [{ kind: "asc" }, { number: "asc" }],
    include: { lines: { orderBy: { position: "asc" }, select: { description: true, amountMinor: true } } },
  });
  const csv = xeroCsv(
    invoices.map((i) => ({ kind: i.kind, number: i.number, clientCode: i.clientCode, issuedOn: i.issuedOn.toISOString().slice(0, 10), dueOn: i.dueOn.toISOString().slice(0, 10), currency: i.currency, vatExempt: i.vatNote !== null, lines: i.lines })),
  );
  await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "invoice.exported", target: { type: "practice", id: actor.practiceId }, outcome: "SUCCESS", context, details: { month, invoices: invoices.length, format: "xero" } });
  return { csv, filename: `invoices-${month}-xero.csv` };
}
