import "server-only";
import { db } from "@/lib/db/client";
import type { InvoiceMoney } from "./rules";

/** Credits and net payments of these invoices (one query each), keyed by invoice id. */
export async function moneyOf(practiceId: string, invoices: { id: string; totalMinor: number }[]): Promise<Map<string, InvoiceMoney>> {
  const ids = invoices.map((i) => i.id);
  const [credits, payments] = await Promise.all([
    db().invoice.groupBy({ by: ["creditsInvoiceId"], where: { practiceId, creditsInvoiceId: { in: ids } }, _sum: { totalMinor: true } }),
    db().invoicePayment.groupBy({ by: ["invoiceId", "kind"], where: { practiceId, invoiceId: { in: ids } }, _sum: { amountMinor: true } }),
  ]);
  const out = new Map<string, InvoiceMoney>(invoices.map((i) => [i.id, { totalMinor: i.totalMinor, creditedMinor: 0, paidMinor: 0 }]));
  for (const c of credits) out.get(c.creditsInvoiceId!)!.creditedMinor += c._sum.totalMinor ?? 0;
  for (const p of payments) out.get(p.invoiceId)!.paidMinor += (p.kind === "PAYMENT" ? 1 : -1) * (p._sum.amountMinor ?? 0);
  return out;
}
