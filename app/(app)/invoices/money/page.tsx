import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { handlesInvoices } from "@/lib/invoices/access";
import { agedDebt, practiceMoney, takings } from "@/lib/invoices/money-views";
import { AGE_BUCKETS } from "@/lib/invoices/rules";
import { formatMoney } from "@/lib/practice/locale";

export const metadata: Metadata = { title: "Money views" };
export const dynamic = "force-dynamic";

const BUCKET_LABELS = { "0-30": "Up to 30 days overdue (or not yet due)", "31-60": "31 to 60 days", "61-90": "61 to 90 days", "90+": "Over 90 days" } as const;

export default async function MoneyPage() {
  const actor = await requireActor();
  if (!handlesInvoices(actor)) return <EmptyState title="Money views are the owner's and managers'">Your own figures are under Schedule → Billing.</EmptyState>;
  const [debt, rows, practice] = await Promise.all([agedDebt(actor), takings(actor, 12), practiceMoney(actor.practiceId)]);
  const money = (m: number) => formatMoney(m, practice);
  const months = [...new Set(rows.map((r) => r.month))];
  return (
    <>
      <PageHeader title="Money views" description={`What is owed, by how long past due, and what came in per clinician and month. As of ${debt.today}.`} actions={<Link className="text-sm underline" href="/invoices">Back to invoices</Link>} />
      <section aria-labelledby="debt-heading" className="mb-8">
        <h2 id="debt-heading" className="mb-2 text-lg font-semibold">Aged debt</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-muted"><tr><th scope="col" className="px-4 py-3 font-medium">Days past due</th><th scope="col" className="px-4 py-3 text-right font-medium">Invoices</th><th scope="col" className="px-4 py-3 text-right font-medium">Owed</th></tr></thead>
            <tbody className="divide-y divide-slate-200">
              {AGE_BUCKETS.map((b) => (
                <tr key={b}><th scope="row" className="px-4 py-3 font-medium">{BUCKET_LABELS[b]}</th><td className="px-4 py-3 text-right tabular-nums">{debt.buckets[b].invoices}</td><td className="px-4 py-3 text-right tabular-nums">{money(debt.buckets[b].owedMinor)}</td></tr>
              ))}
              <tr className="bg-slate-50 font-semibold"><th scope="row" className="px-4 py-3">All</th><td className="px-4 py-3 text-right tabular-nums">{AGE_BUCKETS.reduce((s, b) => s + debt.buckets[b].invoices, 0)}</td><td className="px-4 py-3 text-right tabular-nums">{money(debt.totalMinor)}</td></tr>
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="takings-heading">
        <h2 id="takings-heading" className="mb-2 text-lg font-semibold">Takings per clinician and month</h2>
        {rows.length === 0 ? <p className="text-muted">No payments recorded in the last 12 months.</p> : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Money received less refunds, by month received</caption>
              <thead className="bg-slate-50 text-muted"><tr><th scope="col" className="px-4 py-3 font-medium">Month</th><th scope="col" className="px-4 py-3 font-medium">Clinician</th><th scope="col" className="px-4 py-3 text-right font-medium">Received</th></tr></thead>
              <tbody className="divide-y divide-slate-200">
                {months.flatMap((m) => rows.filter((r) => r.month === m).map((r) => (
                  <tr key={`${m}-${r.clinicianId}`}><td className="px-4 py-3 tabular-nums">{m}</td><th scope="row" className="px-4 py-3 font-medium">{r.clinicianName}</th><td className="px-4 py-3 text-right tabular-nums">{money(r.receivedMinor)}</td></tr>
                )))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
