import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toLocal } from "@/lib/schedule/time";
import { requireInvoiceRole } from "./access";
import { ageBucket, AGE_BUCKETS, type AgeBucket } from "./rules";

// The money views: aged debt (what is still owed, by days past the due day) and takings (money
// received less refunds, per clinician and month). Both are one aggregate query each, so they
// stay fast for a practice with years of invoices.

export interface AgedDebt {
  buckets: Record<AgeBucket, { invoices: number; owedMinor: number }>;
  totalMinor: number;
  today: string;
}

/** The practice's money convention, for showing these figures. */
export const practiceMoney = (practiceId: string) => db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { currency: true, locale: true } });

export async function agedDebt(actor: Actor, now = new Date()): Promise<AgedDebt> {
  requireInvoiceRole(actor);
  const practice = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { timeZone: true } });
  const today = toLocal(now, practice.timeZone).date;
  const rows = await db().$queryRaw<{ dueOn: Date; owed: bigint }[]>`
    SELECT i."dueOn",
      i."totalMinor"
      + coalesce((SELECT sum(c."totalMinor") FROM "invoice" c WHERE c."creditsInvoiceId" = i.id), 0)
      - coalesce((SELECT sum(CASE WHEN p.kind = 'PAYMENT' THEN p."amountMinor" ELSE -p."amountMinor" END) FROM "invoice_payment" p WHERE p."invoiceId" = i.id), 0) AS owed
    FROM "invoice" i
    WHERE i."practiceId" = ${actor.practiceId}::uuid AND i.kind = 'INVOICE'`;
  const buckets = Object.fromEntries(AGE_BUCKETS.map((b) => [b, { invoices: 0, owedMinor: 0 }])) as AgedDebt["buckets"];
  let totalMinor = 0;
  for (const r of rows) {
    const owed = Number(r.owed);
    if (owed <= 0) continue;
    const b = buckets[ageBucket(r.dueOn.toISOString().slice(0, 10), today)];
    b.invoices++;
    b.owedMinor += owed;
    totalMinor += owed;
  }
  return { buckets, totalMinor, today };
}

export interface TakingsRow {
  month: string;
  clinicianId: string;
  clinicianName: string;
  receivedMinor: number;
}

/**
 * Money received less refunds, per month (of the day received) and clinician. A payment towards
 * an invoice with several clinicians' sessions is shared in proportion to their lines.
 */
export async function takings(actor: Actor, months = 12): Promise<TakingsRow[]> {
  requireInvoiceRole(actor);
  const rows = await db().$queryRaw<{ month: string; clinicianId: string; clinicianName: string; received: number }[]>`
    WITH shares AS (
      SELECT l."invoiceId", l."clinicianId", max(l."clinicianName") AS "clinicianName", sum(l."amountMinor")::numeric / nullif(i."totalMinor", 0) AS share
      FROM "invoice_line" l JOIN "invoice" i ON i.id = l."invoiceId" AND i."practiceId" = l."practiceId"
      WHERE i."practiceId" = ${actor.practiceId}::uuid AND i.kind = 'INVOICE'
      GROUP BY l."invoiceId", l."clinicianId", i."totalMinor"
    )
    SELECT to_char(p."receivedOn", 'YYYY-MM') AS month, s."clinicianId", max(s."clinicianName") AS "clinicianName",
      round(sum(CASE WHEN p.kind = 'PAYMENT' THEN p."amountMinor" ELSE -p."amountMinor" END * s.share))::int AS received
    FROM "invoice_payment" p JOIN shares s ON s."invoiceId" = p."invoiceId"
    WHERE p."practiceId" = ${actor.practiceId}::uuid AND p."receivedOn" >= (date_trunc('month', now()) - make_interval(months => ${months - 1}::int))::date
    GROUP BY 1, 2
    ORDER BY 1 DESC, 3 ASC`;
  return rows.map((r) => ({ month: r.month, clinicianId: r.clinicianId, clinicianName: r.clinicianName, receivedMinor: Number(r.received) }));
}
