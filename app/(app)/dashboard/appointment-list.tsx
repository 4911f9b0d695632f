import type { Route } from "next";
import Link from "next/link";
import { formatClientCode } from "@/lib/clients/code";
import { noteActionFor } from "@/lib/home/rules";
import type { HomeAppointment } from "@/lib/home/today";
import { STATUS_LABEL } from "@/lib/schedule/schema";

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** Appointments as rows: time, code and label, type and place, and the one note action. */
export function AppointmentList({ rows, showDate = false, showClinician = false }: { rows: HomeAppointment[]; showDate?: boolean; showClinician?: boolean }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {rows.map((a) => {
        const code = formatClientCode(a.clientCode);
        const action = noteActionFor({ ...a, clientCode: code });
        const when = showDate ? `${weekday.format(new Date(`${a.date}T00:00:00Z`))}, ${a.start}` : `${a.start}–${a.end}`;
        return (
          <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-appointment={a.id}>
            <Link href={`/schedule/${a.id}` as Route} className="shrink-0 font-semibold text-ink underline decoration-slate-300 underline-offset-4 sm:w-32" aria-label={`Appointment ${when} with ${code}`}>
              {when}
            </Link>
            <span className="min-w-48 flex-1">
              <span className="whitespace-nowrap font-mono font-semibold">{code}</span>
              {a.clientLabel ? <span className="text-muted"> · {a.clientLabel}</span> : null}
              <span className="block text-sm text-muted">
                {a.typeName} · {a.place}
                {showClinician ? ` · ${a.clinicianName}` : ""}
                {a.status !== "SCHEDULED" ? ` · ${STATUS_LABEL[a.status as keyof typeof STATUS_LABEL] ?? a.status}` : ""}
              </span>
            </span>
            {action ? (
              <Link href={action.href as Route} className="ml-auto inline-flex min-h-11 items-center rounded-md border border-brand-700 px-3 text-sm font-semibold text-brand-800 hover:bg-brand-50" aria-label={`${action.label} for ${code} at ${a.start}`}>
                {action.label}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
