import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode } from "@/lib/clients/code";
import { practiceConventions } from "@/lib/practice/conventions";
import { formatMoney } from "@/lib/practice/locale";
import { MAX_BULK, pastScheduled } from "@/lib/schedule/past-scheduled";
import { CodeText } from "../time-grid";
import { markPastAttendedAction } from "../actions";

export const metadata: Metadata = { title: "Record outcomes" };

export default async function OutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const tickAll = (await searchParams).tick === "all";
  const money = await practiceConventions(actor.practiceId);
  const { timeZone } = money;
  const { rows, total } = await pastScheduled(actor);
  const when = new Intl.DateTimeFormat(money.locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <>
      <PageHeader
        title="Record outcomes"
        description="Past appointments still marked scheduled. No fee is charged for them until they are marked attended (or did not attend, on the appointment's own page). Tick the ones that took place and mark them attended together."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing to record">Every past appointment you can see has an outcome.</EmptyState>
      ) : (
        <form action={markPastAttendedAction} className="space-y-4">
          <p className="text-sm text-muted">
            {total > rows.length ? `Showing the oldest ${rows.length} of ${total}; mark these, then the rest.` : `${total} to record.`}{" "}
            <Link href={(tickAll ? "/schedule/outcomes" : "/schedule/outcomes?tick=all") as Route} className="text-brand-700 underline">{tickAll ? "Untick all" : "Tick all"}</Link>
          </p>
          <fieldset className="rounded-lg border border-slate-200 bg-white">
            <legend className="sr-only">Appointments to mark attended</legend>
            <ul className="divide-y divide-slate-100">
              {rows.map((r) => (
                <li key={r.id} className="flex items-center gap-3 px-4 py-2">
                  <input type="checkbox" id={`a-${r.id}`} name="ids" value={r.id} defaultChecked={tickAll} className="size-5 shrink-0" />
                  <label htmlFor={`a-${r.id}`} className="flex min-h-11 flex-1 flex-wrap items-center gap-x-3 text-sm">
                    <span className="tabular-nums">{when.format(r.startsAt)}</span>
                    <CodeText code={r.client.code} />
                    {r.client.label ? <span className="text-muted">({r.client.label})</span> : null}
                    <span>{r.practiceType.name}</span>
                    <span className="text-muted">{r.clinician.user.displayName}</span>
                    <span className="tabular-nums">{r.feePence ? formatMoney(r.feePence, money) : "no fee"}</span>
                  </label>
                  <Link href={`/schedule/${r.id}` as Route} className="text-sm text-brand-700 underline" aria-label={`Open the appointment of ${formatClientCode(r.client.code)} on ${when.format(r.startsAt)}`}>Open</Link>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit">Mark ticked appointments attended</Button>
            <Link href="/schedule/billing" className={buttonClass("secondary")}>Billing</Link>
          </div>
          <p className="text-sm text-muted">All or nothing: if any ticked appointment has changed meanwhile, none is marked and you are told. At most {MAX_BULK} at a time.</p>
        </form>
      )}
    </>
  );
}
