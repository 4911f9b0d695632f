import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode } from "@/lib/clients/code";
import { billingSummary, canSeeWholePractice, unpaidAppointments } from "@/lib/schedule/billing";
import { practiceConventions } from "@/lib/practice/conventions";
import { formatMoney } from "@/lib/practice/locale";
import { cardTable } from "@/components/ui/card-table";
import { pastScheduledCount } from "@/lib/schedule/past-scheduled";
import { monthSchema, STATUS_LABEL } from "@/lib/schedule/schema";
import { toLocal } from "@/lib/schedule/time";
import { paymentAction } from "../actions";
import { dateTimeFormat } from "@/lib/format/intl";

export const metadata: Metadata = { title: "Billing" };

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
};

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const money = await practiceConventions(actor.practiceId);
  const { timeZone } = money;
  const formatPence = (minor: number) => formatMoney(minor, money);
  const parsed = monthSchema.safeParse((await searchParams).month);
  const month = parsed.success ? parsed.data : toLocal(new Date(), timeZone).date.slice(0, 7);
  const summary = await billingSummary(actor, month, timeZone);
  const unpaid = await unpaidAppointments(actor, month, timeZone);
  const overdueCount = await pastScheduledCount(actor);
  await recordAuditRead(actor, "billing.viewed", { month, clinicians: summary.lines.length }, await requestAuditContext());
  const monthName = dateTimeFormat(money.locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
  const cell = `${cardTable.cell} tabular-nums md:text-right`;
  const figure = (label: string, value: string) => (
    <td className={cell} data-label={label}>{value}</td>
  );
  const figures = (f: typeof summary.total) => (
    <>
      {figure("Sessions held", String(f.sessionsHeld))}
      {figure("Charged", formatPence(f.chargedPence))}
      {figure("Paid", formatPence(f.paidPence))}
      {figure("Outstanding", formatPence(f.outstandingPence))}
      {figure("Late or missed, charged", `${f.lateOrMissedCount} (${formatPence(f.lateOrMissedPence)})`)}
    </>
  );
  return (
    <>
      <PageHeader
        title={`Billing, ${monthName}`}
        description={canSeeWholePractice(actor) ? "Every clinician of the practice. Fees are charged for attended, late-cancelled and missed appointments unless waived." : "Your own appointments. Fees are charged for attended, late-cancelled and missed appointments unless waived."}
        actions={<a className={buttonClass("secondary")} href={`/api/billing/export?month=${month}`} download>Download CSV</a>}
      />
      {overdueCount > 0 ? (
        <p className="mb-4 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {overdueCount === 1 ? "1 past appointment is" : `${overdueCount} past appointments are`} still marked scheduled and not charged here.{" "}
          <Link href="/schedule/outcomes" className="font-semibold underline">Record outcomes</Link>
        </p>
      ) : null}
      <nav aria-label="Months" className="mb-4 flex flex-wrap gap-2">
        <Link className={buttonClass("secondary")} href={`/schedule/billing?month=${shiftMonth(month, -1)}` as Route}>Previous month</Link>
        <Link className={buttonClass("secondary")} href={`/schedule/billing?month=${shiftMonth(month, 1)}` as Route}>Next month</Link>
      </nav>
      {summary.lines.length === 0 ? (
        <EmptyState title="No appointments this month">Book appointments from the schedule; their fees appear here.</EmptyState>
      ) : (
        <div className={cardTable.wrap}>
          <table className={cardTable.table}>
            <caption className="sr-only">Billing summary for {monthName}</caption>
            <thead className={cardTable.head}>
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Clinician</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Sessions held</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Charged</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Paid</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Outstanding</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Late or missed, charged</th>
              </tr>
            </thead>
            <tbody className={cardTable.body}>
              {summary.lines.map((l) => (
                <tr key={l.clinicianId} className={cardTable.row}><th scope="row" className={`${cardTable.lead} text-left text-base font-semibold md:text-sm md:font-medium`}>{l.clinicianName}</th>{figures(l)}</tr>
              ))}
              {summary.lines.length > 1 ? (
                <tr className={`${cardTable.row} bg-slate-50 font-semibold`}><th scope="row" className={`${cardTable.lead} text-left`}>Practice</th>{figures(summary.total)}</tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="mb-2 mt-8 text-lg font-semibold">Awaiting payment</h2>
      {unpaid.length === 0 ? (
        <p className="text-muted">Nothing outstanding this month.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {unpaid.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <Link href={`/schedule/${u.id}` as Route} className="font-mono text-brand-700 underline">{formatClientCode(u.client.code)}</Link>
              <span>{u.client.label}</span>
              <span className="text-muted">{dateTimeFormat(money.locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(u.startsAt)}</span>
              <span className="text-muted">{STATUS_LABEL[u.status]}</span>
              <span className="tabular-nums">{formatPence(u.feePence)}</span>
              <span className="text-muted">{u.clinician.user.displayName}</span>
              <form action={paymentAction} className="ml-auto">
                <input type="hidden" name="id" value={u.id} />
                <input type="hidden" name="paymentState" value="PAID" />
                <input type="hidden" name="back" value={`/schedule/billing?month=${month}`} />
                <Button type="submit" variant="secondary" aria-label={`Mark ${formatClientCode(u.client.code)} paid`}>Mark paid</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
