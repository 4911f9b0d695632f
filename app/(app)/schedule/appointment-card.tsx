import Link from "next/link";
import type { Route } from "next";
import { formatClientCode } from "@/lib/clients/code";
import type { AppointmentRow } from "@/lib/schedule/list";
import { STATUS_LABEL } from "@/lib/schedule/schema";

const cancelled = (status: string) => status.startsWith("CANCELLED");

/** One appointment in a calendar view: a real link, code or label only. */
export function AppointmentCard({ a, showClinician }: { a: AppointmentRow; showClinician: boolean }) {
  const status = STATUS_LABEL[a.status as keyof typeof STATUS_LABEL];
  return (
    <Link
      href={`/schedule/${a.id}` as Route}
      data-appointment={a.id}
      className={`block min-h-11 rounded-md border px-3 py-2 text-sm hover:bg-brand-50 ${cancelled(a.status) ? "border-dashed border-slate-300 bg-slate-50 text-muted line-through decoration-slate-400" : "border-slate-200 border-l-4 border-l-brand-600 bg-white"}`}
    >
      <span className="block font-semibold tabular-nums">
        {a.localStart}–{a.localEnd}
      </span>
      <span className="block">
        {a.typeName}: <span className="font-mono">{formatClientCode(a.clientCode)}</span>
        {a.clientLabel ? <span className="text-muted"> ({a.clientLabel})</span> : null}
      </span>
      {a.room || a.online ? <span className="block text-muted">{a.room ?? "Online"}</span> : null}
      {showClinician ? <span className="block text-muted">{a.clinicianName}</span> : null}
      {a.cancelRequested ? <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950 no-underline">Client asked to cancel</span> : null}
      {a.status !== "SCHEDULED" ? <span className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-ink no-underline">{status}</span> : null}
      {a.paymentState === "PAID" ? <span className="ml-1 mt-1 inline-block rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-semibold text-emerald-900">Paid</span> : null}
    </Link>
  );
}

/** A busy block kept from a clinician's connected calendar: times only, never the event's title. */
export function BusyCard({ b, showClinician }: { b: { id: string; localStart: string; localEnd: string; clinicianName: string }; showClinician: boolean }) {
  return (
    <div data-busy={b.id} className="min-h-11 rounded-md border border-dashed border-slate-400 bg-slate-100 px-3 py-2 text-sm text-ink">
      <span className="block font-semibold tabular-nums">
        {b.localStart}–{b.localEnd}
      </span>
      <span className="block">Busy (external)</span>
      {showClinician ? <span className="block text-muted">{b.clinicianName}</span> : null}
    </div>
  );
}
