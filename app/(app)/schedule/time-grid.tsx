import type { Route } from "next";
import Link from "next/link";
import { formatClientCode } from "@/lib/clients/code";
import { daySlots, gridRange, laneColumns, layoutDay, SLOT_MINUTES, spanOn, timeOf } from "@/lib/schedule/grid";
import type { AppointmentRow } from "@/lib/schedule/list";
import { LIVE_STATUSES, STATUS_LABEL } from "@/lib/schedule/schema";

// The day and week views' time grid, rendered on the server and usable without JavaScript:
// every free slot is a link to the booking form for that day and time, every appointment a link
// to its page (where the Move form is). Rows are SLOT_MINUTES of the practice's wall clock;
// placement uses grid-line classes listed in globals.css (@source inline), never inline styles
// (the content security policy forbids them).

export interface BusyItem {
  id: string;
  startsAt: Date;
  endsAt: Date;
  clinicianName: string;
}

interface Props {
  dates: string[];
  today: string;
  now: Date;
  timeZone: string;
  rows: AppointmentRow[];
  busy: BusyItem[];
  showClinician: boolean;
  /** Query added to each slot's booking link (e.g. the chosen clinician). */
  bookingQuery: Record<string, string>;
  heading: (date: string) => React.ReactNode;
  dayLabel: (date: string) => string;
}

const live = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);

/** A client code that never breaks across lines (its hyphens would otherwise allow it). */
export function CodeText({ code }: { code: string }) {
  return <span className="whitespace-nowrap font-mono" translate="no">{formatClientCode(code)}</span>;
}

export function GridAppointment({ a, showClinician, overdue }: { a: AppointmentRow; showClinician: boolean; overdue: boolean }) {
  const status = STATUS_LABEL[a.status as keyof typeof STATUS_LABEL];
  return (
    <Link
      href={`/schedule/${a.id}` as Route}
      data-appointment={a.id}
      data-movable={a.status === "SCHEDULED" ? "true" : undefined}
      draggable={a.status === "SCHEDULED"}
      className={`block h-full overflow-hidden rounded-md border px-1.5 py-0.5 text-xs leading-tight shadow-sm hover:bg-brand-50 ${overdue ? "border-amber-500 border-l-4 bg-amber-50" : "border-slate-300 border-l-4 border-l-brand-600 bg-white"}`}
    >
      <span className="block font-semibold tabular-nums">{a.localStart}–{a.localEnd}</span>
      {a.cancelRequested ? <span className="mb-0.5 inline-block rounded bg-amber-100 px-1 font-semibold text-amber-950">Client asked to cancel</span> : null}
      <span className="block">
        {a.typeName}: <CodeText code={a.clientCode} />
        {a.clientLabel ? <span className="text-muted"> ({a.clientLabel})</span> : null}
      </span>
      {a.room || a.online ? <span className="block text-muted">{a.room ?? "Online"}</span> : null}
      {showClinician ? <span className="block text-muted">{a.clinicianName}</span> : null}
      {overdue ? <span className="mt-0.5 inline-block rounded bg-amber-200 px-1 font-semibold text-amber-950">Outcome needed</span> : null}
      {a.status !== "SCHEDULED" ? <span className="mt-0.5 inline-block rounded bg-slate-100 px-1 font-semibold text-ink">{status}</span> : null}
      {a.paymentState === "PAID" ? <span className="ml-1 mt-0.5 inline-block rounded bg-emerald-100 px-1 font-semibold text-emerald-900">Paid</span> : null}
    </Link>
  );
}

export function TimeGrid({ dates, today, now, timeZone, rows, busy, showClinician, bookingQuery, heading, dayLabel }: Props) {
  const shown = rows.filter((r) => live(r.status));
  // Each day holds what touches it (an appointment past midnight shows on both days).
  const spansByDay = new Map(
    dates.map((d) => [
      d,
      [
        ...shown.map((a) => ({ kind: "appointment" as const, a, ...spanOn(a.startsAt, a.endsAt, d, timeZone) })),
        ...busy.map((b) => ({ kind: "busy" as const, b, ...spanOn(b.startsAt, b.endsAt, d, timeZone) })),
      ].filter((s) => s.end > s.start),
    ]),
  );
  const range = gridRange([...spansByDay.values()].flat());
  const hours = Array.from({ length: (range.to - range.from) / 60 }, (_, i) => range.from + i * 60);
  const rowsClass = "grid auto-rows-[2.75rem] grid-cols-60";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <div className={dates.length > 1 ? "grid min-w-[52rem] grid-cols-[3.25rem_repeat(7,minmax(0,1fr))]" : "grid grid-cols-[3.25rem_minmax(0,1fr)]"}>
        <div aria-hidden="true" className="border-r border-slate-200">
          <div className="h-12 border-b border-slate-200" />
          <div className="grid auto-rows-[5.5rem]">
            {hours.map((h) => (
              <div key={h} className="border-t border-slate-200 pr-1 pt-0.5 text-right text-xs tabular-nums text-muted first:border-t-0">{timeOf(h)}</div>
            ))}
          </div>
        </div>
        {dates.map((d) => {
          const spans = spansByDay.get(d)!;
          const placed = layoutDay(spans, range);
          const slots = daySlots(d, range, spans, timeZone);
          const cancelled = rows.filter((r) => r.localDate === d && !live(r.status));
          const items = [
            ...slots.map((s) => ({ at: s.row * SLOT_MINUTES, key: `slot-${s.time}`, node: <SlotCell key={`slot-${s.time}`} date={d} slot={s} label={dayLabel(d)} query={bookingQuery} /> })),
            ...placed.map((p) => {
              const { colStart, colSpan } = laneColumns(p.lane, p.lanes);
              const cls = `relative z-10 p-0.5 row-start-${p.rowStart} row-end-${p.rowEnd} col-start-${colStart} col-span-${colSpan}`;
              const node =
                p.item.kind === "appointment" ? (
                  <li key={p.item.a.id} className={cls}>
                    <GridAppointment a={p.item.a} showClinician={showClinician} overdue={p.item.a.status === "SCHEDULED" && p.item.a.endsAt <= now} />
                  </li>
                ) : (
                  <li key={`busy-${p.item.b.id}`} className={cls}>
                    <div data-busy={p.item.b.id} className="h-full overflow-hidden rounded-md border border-dashed border-slate-400 bg-slate-100 px-1.5 py-0.5 text-xs leading-tight">
                      <span className="block font-semibold tabular-nums">{timeOf(p.item.start)}–{p.item.end >= 1440 ? "24:00" : timeOf(p.item.end)}</span>
                      <span className="block">Busy (external)</span>
                      {showClinician ? <span className="block text-muted">{p.item.b.clinicianName}</span> : null}
                    </div>
                  </li>
                );
              return { at: (p.rowStart - 0.5) * SLOT_MINUTES, key: node.key!, node };
            }),
          ].sort((x, y) => x.at - y.at);
          return (
            <section key={d} aria-labelledby={`day-${d}`} className={`border-r border-slate-200 last:border-r-0 ${d === today ? "bg-brand-50/40" : ""}`}>
              <h2 id={`day-${d}`} className="flex h-12 items-center justify-center border-b border-slate-200 px-1 text-center text-sm font-semibold">
                {heading(d)}
              </h2>
              <ol className={rowsClass} aria-label={`${dayLabel(d)}: free times and appointments`}>{items.map((i) => i.node)}</ol>
              {cancelled.length > 0 ? (
                <ul aria-label={`Cancelled on ${dayLabel(d)}`} className="space-y-1 border-t border-slate-200 p-1 text-xs">
                  {cancelled.map((a) => (
                    <li key={a.id}>
                      <Link href={`/schedule/${a.id}` as Route} data-appointment={a.id} className="text-muted line-through decoration-slate-400 hover:text-ink">
                        {a.localStart} <CodeText code={a.clientCode} /> ({STATUS_LABEL[a.status as keyof typeof STATUS_LABEL]})
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function SlotCell({ date, slot, label, query }: { date: string; slot: ReturnType<typeof daySlots>[number]; label: string; query: Record<string, string> }) {
  const place = `row-start-${slot.row} slot-cell${slot.time.endsWith(":00") ? "" : " slot-cell-half"}`;
  if (!slot.exists) {
    return <li aria-hidden="true" className={`${place} bg-[repeating-linear-gradient(45deg,#f1f5f9_0_6px,#fff_6px_12px)]`} />;
  }
  if (!slot.free) return <li aria-hidden="true" data-slot-date={date} data-slot-time={slot.time} className={place} />;
  const href = `/schedule/new?${new URLSearchParams({ ...query, date, time: slot.time })}`;
  // A plain link, not next/link: a week holds ~150 of them, and each next/link is a client
  // component (serialised props, hydration, prefetching of the booking form). Booking opens a
  // fresh page either way.
  return (
    <li className={place}>
      <a href={href} data-slot-date={date} data-slot-time={slot.time} draggable={false} aria-label={`Book ${label} at ${slot.time}`} className="slot-link">
        <span aria-hidden="true">+ {slot.time}</span>
      </a>
    </li>
  );
}
