import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireInvoiceRole } from "./access";
import { moneyOf } from "./money";
import { balanceOf, documentNumber, statusOf, type InvoiceStatus } from "./rules";
import { listQuerySchema } from "./schema";
import { parseClientCode } from "@/lib/clients/code";

export const PAGE_SIZE = 50;

export interface InvoiceListRow {
  id: string;
  kind: "INVOICE" | "CREDIT_NOTE";
  number: string;
  clientCode: string;
  issuedOn: string;
  dueOn: string;
  totalMinor: number;
  balanceMinor: number;
  status: InvoiceStatus | "CREDIT_NOTE";
}

// Status filters in SQL terms: "unpaid" is an invoice with something still owed, computed in
// the database so a page is 50 rows whatever the practice's size.
const owedSql = (practiceId: string) => db().$queryRaw<{ id: string }[]>`
  SELECT i.id FROM "invoice" i
  WHERE i."practiceId" = ${practiceId}::uuid AND i.kind = 'INVOICE'
    AND i."totalMinor"
      + coalesce((SELECT sum(c."totalMinor") FROM "invoice" c WHERE c."creditsInvoiceId" = i.id), 0)
      - coalesce((SELECT sum(CASE WHEN p.kind = 'PAYMENT' THEN p."amountMinor" ELSE -p."amountMinor" END) FROM "invoice_payment" p WHERE p."invoiceId" = i.id), 0) > 0`;

/** The practice's invoices and credit notes, newest first, 50 a page: codes only, never names. */
export async function listInvoices(actor: Actor, query: unknown) {
  requireInvoiceRole(actor);
  const { status, page, client } = listQuerySchema.parse(query ?? {});
  const practiceId = actor.practiceId;
  const where: Prisma.InvoiceWhereInput = { practiceId };
  if (client) where.clientCode = parseClientCode(client) ?? "-";
  if (status === "credited") where.kind = "CREDIT_NOTE";
  if (status === "unpaid") where.id = { in: (await owedSql(practiceId)).map((r) => r.id) };
  if (status === "paid") Object.assign(where, { kind: "INVOICE", NOT: { id: { in: (await owedSql(practiceId)).map((r) => r.id) } }, creditNotes: { none: {} } });
  const [total, rows] = await Promise.all([
    db().invoice.count({ where }),
    db().invoice.findMany({ where, orderBy: [{ issuedAt: "desc" }, { kind: "asc" }, { number: "desc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: { id: true, kind: true, number: true, clientCode: true, issuedOn: true, dueOn: true, totalMinor: true } }),
  ]);
  const money = await moneyOf(practiceId, rows);
  const practice = await db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { currency: true, locale: true } });
  const list: InvoiceListRow[] = rows.map((r) => {
    const m = money.get(r.id)!;
    return {
      id: r.id,
      kind: r.kind,
      number: documentNumber(r.kind, r.number),
      clientCode: r.clientCode,
      issuedOn: r.issuedOn.toISOString().slice(0, 10),
      dueOn: r.dueOn.toISOString().slice(0, 10),
      totalMinor: r.totalMinor,
      balanceMinor: r.kind === "INVOICE" ? balanceOf(m) : 0,
      status: r.kind === "INVOICE" ? statusOf(m) : "CREDIT_NOTE",
    };
  });
  return { rows: list, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), status, money: { currency: practice.currency, locale: practice.locale } };
}
