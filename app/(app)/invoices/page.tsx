import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatClientCode } from "@/lib/clients/code";
import { requireActor } from "@/lib/entry/caller";
import { handlesInvoices } from "@/lib/invoices/access";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { STATUS_LABELS } from "@/lib/invoices/rules";
import { formatMoney } from "@/lib/practice/locale";
import { practiceTimeZone } from "@/lib/schedule/access";
import { toLocal } from "@/lib/schedule/time";
import { issueRunAction } from "./actions";

export const metadata: Metadata = { title: "Invoices" };
export const dynamic = "force-dynamic";

const FILTERS = [["all", "All"], ["unpaid", "Unpaid"], ["paid", "Paid"], ["credited", "Credit notes"]] as const;
const previousMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!handlesInvoices(actor)) {
    return <EmptyState title="Invoices are handled by the practice's owner and managers">Your own sessions and fees are under Schedule → Billing.</EmptyState>;
  }
  const query = await searchParams;
  const list = await listInvoices(actor, query);
  const thisMonth = toLocal(new Date(), await practiceTimeZone(actor.practiceId)).date.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const money = (m: number) => formatMoney(m, list.money);
  const pageLink = (page: number) => `/invoices?status=${list.status}&page=${page}` as Route;
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Invoices, credit notes and payments of the whole practice. The list shows client codes only; opening an invoice shows the name and address it was sent to, and is recorded."
        actions={
          <>
            <Link className={buttonClass("secondary")} href="/invoices/money">Money views</Link>
            <Link className={buttonClass("secondary")} href="/invoices/settings">Settings</Link>
          </>
        }
      />

      <section aria-labelledby="issue-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="issue-heading" className="text-lg font-semibold">Issue invoices</h2>
        <p className="mb-3 text-sm text-muted">From attended and late-cancelled appointments with a fee (not waived) that are not on an invoice yet. Numbers follow on from the last invoice, with no gaps.</p>
        <form action={issueRunAction} className="flex flex-wrap items-end gap-4">
          <div className="space-y-1">
            <label htmlFor="issue-month" className="block text-sm font-medium">Month of the appointments</label>
            <input id="issue-month" name="month" type="month" required defaultValue={lastMonth} max={thisMonth} className="rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">One invoice</legend>
            <div className="flex gap-4">
              <label className="flex items-center gap-2"><input type="radio" name="grouping" value="client" defaultChecked /> per client for the month</label>
              <label className="flex items-center gap-2"><input type="radio" name="grouping" value="session" /> per session</label>
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="notify" /> Email clients with portal access that an invoice is waiting (no amounts or details in the email)</label>
          <Button type="submit">Issue invoices</Button>
        </form>
      </section>

      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Filter invoices">
          <ul className="flex flex-wrap gap-1">
            {FILTERS.map(([key, label]) => (
              <li key={key}>
                <Link href={`/invoices?status=${key}` as Route} aria-current={list.status === key ? "page" : undefined} className={`block rounded-md px-3 py-1.5 text-sm font-medium ${list.status === key ? "bg-brand-50 text-brand-800" : "text-muted hover:bg-slate-100"}`}>{label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <a className={buttonClass("secondary")} href={`/api/invoices/xero?month=${lastMonth}`} download>Download {lastMonth} for Xero (CSV)</a>
      </div>

      {list.rows.length === 0 ? (
        <EmptyState title="No invoices here yet">Issue a month&apos;s invoices above; they appear here, newest first.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Invoices and credit notes, newest first ({list.total} in all)</caption>
            <thead className="bg-slate-50 text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Number</th>
                <th scope="col" className="px-4 py-3 font-medium">Client</th>
                <th scope="col" className="px-4 py-3 font-medium">Issued</th>
                <th scope="col" className="px-4 py-3 font-medium">Due</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Total</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Owed</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="px-4 py-3 font-mono font-medium"><Link className="text-brand-700 underline" href={`/invoices/${r.id}` as Route}>{r.number}</Link></th>
                  <td className="px-4 py-3 font-mono">{formatClientCode(r.clientCode)}</td>
                  <td className="px-4 py-3 tabular-nums">{r.issuedOn}</td>
                  <td className="px-4 py-3 tabular-nums">{r.kind === "INVOICE" ? r.dueOn : ""}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{money(r.totalMinor)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{r.kind === "INVOICE" ? money(Math.max(0, r.balanceMinor)) : ""}</td>
                  <td className="px-4 py-3">{r.status === "CREDIT_NOTE" ? "Credit note" : STATUS_LABELS[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {list.page > 1 ? <Link className={buttonClass("secondary")} href={pageLink(list.page - 1)}>Newer</Link> : null}
          <span>Page {list.page} of {list.pages}</span>
          {list.page < list.pages ? <Link className={buttonClass("secondary")} href={pageLink(list.page + 1)}>Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
