import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { FEED_FAILURES, type FeedFailure } from "@/lib/calendar-import/errors";
import { caseload, calendarStatus, importedEvents, type ImportedEventView } from "@/lib/calendar-import/view";
import { isClinician } from "@/lib/clients/access";
import { formatClientCode } from "@/lib/clients/code";
import { practiceTimeZone } from "@/lib/schedule/access";
import { bookableRoomNames } from "@/lib/schedule/rooms";
import { localSpan } from "@/lib/schedule/time";
import { defaultBookingType, listAppointmentTypes } from "@/lib/schedule/types";
import { BookEventForm } from "./book-event-form";
import { ConnectForm } from "./connect-form";
import { disconnectAction, dismissAction, keepBusyAction, restoreAction, scheduleAction, syncAction } from "./actions";

export const metadata: Metadata = { title: "Connected calendar" };

function formatters(timeZone: string) {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  const stamp = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
  const when = (e: { startsAt: Date; endsAt: Date }) => {
    const span = localSpan(e.startsAt, e.endsAt, timeZone);
    return span.firstDate === span.lastDate
      ? `${day.format(e.startsAt)}, ${time.format(e.startsAt)}–${time.format(e.endsAt)}`
      : `${day.format(e.startsAt)}, ${time.format(e.startsAt)} – ${day.format(e.endsAt)}, ${time.format(e.endsAt)}`;
  };
  return { when, stamp: (d: Date) => stamp.format(d) };
}

/** Decided events, one line each with one action (release a busy block, bring back a dismissed one). */
function EventList({ events, when, action, label }: { events: ImportedEventView[]; when: (e: ImportedEventView) => string; action: (formData: FormData) => Promise<void>; label: string }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
          <span><span className="font-medium tabular-nums">{when(e)}</span> <span className="text-muted">{e.summary}</span></span>
          <form action={action}>
            <input type="hidden" name="id" value={e.id} />
            <Button type="submit" variant="secondary">{label}</Button>
          </form>
        </li>
      ))}
    </ul>
  );
}

export default async function ConnectedCalendarPage() {
  const actor = await requireActor();
  if (!isClinician(actor)) redirect("/schedule");
  const status = await calendarStatus(actor);
  const timeZone = await practiceTimeZone(actor.practiceId);
  const f = formatters(timeZone);
  const header = (
    <PageHeader
      title="Connected calendar"
      description="Bring in your external booking calendar by its iCal address, then book its events as appointments or keep them as busy time. Only each event's start, end and title are kept, encrypted; syncing happens when you ask (or on the schedule you switch on)."
    />
  );
  if (!status) {
    return (
      <>
        {header}
        <ConnectForm />
        <p className="mt-4 max-w-2xl text-sm text-muted">
          Confide reads events from 14 days ago to 90 days ahead (all-day events are skipped). Disconnecting deletes the address and the imported events; appointments
          you booked from them stay.
        </p>
      </>
    );
  }
  const [events, clients, practiceTypes] = await Promise.all([importedEvents(actor, await requestAuditContext()), caseload(actor), listAppointmentTypes(actor.practiceId)]);
  const types = practiceTypes.map((t) => ({ id: t.id, name: t.name }));
  const rooms = await bookableRoomNames(actor.practiceId);
  const defaultTypeId = defaultBookingType(practiceTypes);
  const display = (code: string) => {
    const c = clients.find((x) => x.code === code);
    return c?.label ? `${formatClientCode(code)} (${c.label})` : formatClientCode(code);
  };
  const of = (state: ImportedEventView["state"]) => events.filter((e) => e.state === state);
  const pending = of("PENDING");
  const busy = of("BUSY");
  const booked = of("BOOKED");
  const dismissed = of("DISMISSED");
  return (
    <>
      {header}
      <section aria-labelledby="connection" className="mb-8 max-w-4xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="connection" className="font-semibold">Connected to {status.host}</h2>
        <p className="text-sm">
          Connected {f.stamp(status.connectedAt)}. {status.lastSyncedAt ? `Last synced ${f.stamp(status.lastSyncedAt)}.` : null}{" "}
          {status.scheduled ? "Scheduled sync is on: Confide also reads it on its own, about every hour." : "It is read only when you press “Sync now”."}
        </p>
        {status.lastFailure ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            The last sync{status.lastAttemptAt ? ` (${f.stamp(status.lastAttemptAt)})` : ""} failed and changed nothing: {FEED_FAILURES[status.lastFailure as FeedFailure] ?? "the calendar could not be read."}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <form action={syncAction}>
            <Button type="submit">Sync now</Button>
          </form>
          <form action={scheduleAction}>
            <input type="hidden" name="on" value={status.scheduled ? "false" : "true"} />
            <Button type="submit" variant="secondary">{status.scheduled ? "Turn off scheduled sync" : "Turn on scheduled sync"}</Button>
          </form>
          <form action={disconnectAction}>
            <Button type="submit" variant="danger">Disconnect</Button>
          </form>
        </div>
      </section>

      <section aria-labelledby="pending" className="mb-8 max-w-4xl">
        <h2 id="pending" className="mb-1 text-lg font-semibold">To decide ({pending.length})</h2>
        <p className="mb-3 text-sm text-muted">
          Suggestions come from matching each title&apos;s words with your clients&apos; names in the identity vault; they show codes and labels only.
        </p>
        {pending.length === 0 ? (
          <p className="text-sm text-muted">Nothing to decide. New events appear here after a sync.</p>
        ) : (
          <ul className="space-y-4">
            {pending.map((e) => (
              <li key={e.id} data-event={e.id}>
                <article aria-labelledby={`event-${e.id}`} className="space-y-3 rounded-lg border border-slate-200 border-l-4 border-l-amber-500 bg-white p-4">
                  <div>
                    <h3 id={`event-${e.id}`} className="font-semibold tabular-nums">{f.when(e)}</h3>
                    <p className="break-words">{e.summary || <span className="text-muted">Untitled event</span>}</p>
                    <p className="text-sm text-muted">
                      {e.suggested.length ? <>Suggested: {e.suggested.map(display).join(", ")}</> : "No client's name found in this title."}
                    </p>
                  </div>
                  <BookEventForm
                    id={e.id}
                    suggested={e.suggested.map((code) => ({ code, display: display(code) }))}
                    others={clients.filter((c) => !e.suggested.includes(c.code)).map((c) => ({ code: c.code, display: display(c.code) }))}
                    types={types}
                    rooms={rooms}
                    defaultTypeId={defaultTypeId}
                  />
                  <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
                    <form action={keepBusyAction}>
                      <input type="hidden" name="id" value={e.id} />
                      <Button type="submit" variant="secondary">Keep as busy time</Button>
                    </form>
                    <form action={dismissAction}>
                      <input type="hidden" name="id" value={e.id} />
                      <Button type="submit" variant="secondary">Dismiss</Button>
                    </form>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="busy" className="mb-8 max-w-4xl">
        <h2 id="busy" className="mb-1 text-lg font-semibold">Busy time ({busy.length})</h2>
        <p className="mb-3 text-sm text-muted">Shown in your schedule as &ldquo;Busy (external)&rdquo;, without the title; nobody can be booked with you then.</p>
        {busy.length === 0 ? (
          <p className="text-sm text-muted">None.</p>
        ) : (
          <EventList events={busy} when={f.when} action={dismissAction} label="Release" />
        )}
      </section>

      <section aria-labelledby="booked" className="mb-8 max-w-4xl">
        <h2 id="booked" className="mb-3 text-lg font-semibold">Booked as appointments ({booked.length})</h2>
        {booked.length === 0 ? (
          <p className="text-sm text-muted">None yet. Syncing never changes these.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {booked.map((e) => (
              <li key={e.id} className="px-4 py-2">
                <span className="font-medium tabular-nums">{f.when(e)}</span> <span className="text-muted">{e.summary}</span>{" "}
                {e.appointmentId ? <Link className="text-brand-700 underline" href={`/schedule/${e.appointmentId}` as Route}>Open the appointment</Link> : <span className="text-muted">(the client&rsquo;s record was erased)</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {dismissed.length ? (
        <details className="max-w-4xl">
          <summary className="cursor-pointer text-sm font-medium">
            Dismissed ({dismissed.length}): they stay dismissed at later syncs
          </summary>
          <div className="mt-2">
            <EventList events={dismissed} when={f.when} action={restoreAction} label="Bring back" />
          </div>
        </details>
      ) : null}
    </>
  );
}
