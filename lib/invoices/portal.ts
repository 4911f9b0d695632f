import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { PortalClient } from "@/lib/portal/session";
import { readAddressee } from "@/lib/vault/invoice-addressee";
import { loadInvoiceDocument } from "./open-invoice";
import { moneyOf } from "./money";
import { balanceOf, documentNumber, statusOf } from "./rules";

// The client's own invoices, credit notes and receipts in the portal: only their own (by the
// portal session's client id and practice), each opening recorded in the audit trail as the
// client's own action. Their name and address on it are their own.

const clientActor = (code: string) => ({ type: "CLIENT" as const, id: code, role: "client" });

export async function listOwnInvoices(portal: PortalClient, context: AuditContext) {
  const rows = await db().invoice.findMany({
    where: { practiceId: portal.practiceId, clientId: portal.clientId },
    orderBy: [{ issuedAt: "desc" }, { number: "desc" }],
    take: 200,
    select: { id: true, kind: true, number: true, issuedOn: true, dueOn: true, totalMinor: true, currency: true, locale: true, payments: { where: { kind: "PAYMENT" }, select: { id: true, receiptNumber: true, amountMinor: true, receivedOn: true } } },
  });
  const money = await moneyOf(portal.practiceId, rows);
  await recordAudit(db(), { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "invoice.portal_viewed", target: { type: "client", id: portal.code }, outcome: "SUCCESS", context, details: {} });
  return rows.map((r) => {
    const m = money.get(r.id)!;
    return { ...r, label: documentNumber(r.kind, r.number), status: r.kind === "INVOICE" ? statusOf(m) : ("CREDITED" as const), balanceMinor: r.kind === "INVOICE" ? balanceOf(m) : 0 };
  });
}

export async function openOwnInvoice(portal: PortalClient, id: string, context: AuditContext) {
  const doc = await loadInvoiceDocument(portal.practiceId, id);
  if (!doc || doc.invoice.clientId !== portal.clientId) throw notFound("That invoice");
  const addressee = await readAddressee(portal.practiceId, doc.invoice.id);
  await recordAudit(db(), { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "invoice.portal_viewed", target: { type: "client", id: portal.code }, outcome: "SUCCESS", context, details: { number: doc.invoice.number, kind: doc.invoice.kind } });
  return { ...doc, addressee, scope: "full" as const };
}

/** How long the practice keeps this client's invoices, for the portal's erasure explanation. */
export async function ownInvoicesKeptUntil(portal: PortalClient): Promise<string | null> {
  const kept = await db().invoice.aggregate({ where: { practiceId: portal.practiceId, clientId: portal.clientId }, _max: { retainUntil: true } });
  return kept._max.retainUntil?.toISOString().slice(0, 10) ?? null;
}
