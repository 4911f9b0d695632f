import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { busyBlocks } from "@/lib/calendar-import/view";
import { practiceClinicians, practiceTimeZone, scheduleFilter } from "@/lib/schedule/access";
import { mayManageAppointmentTypes } from "@/lib/schedule/manage-types";
import { listSchedule, scheduleRange } from "@/lib/schedule/list";
import { viewQuerySchema } from "@/lib/schedule/schema";
import { pastScheduledCount } from "@/lib/schedule/past-scheduled";
import { mayManageRooms } from "@/lib/schedule/rooms";
import { addDays, localDaysRange, toLocal } from "@/lib/schedule/time";
import { DragMove } from "./drag-move";
import { TimeGrid } from "./time-grid";
import { dateTimeFormat } from "@/lib/format/intl";

export const metadata: Metadata = { title: "Schedule" };

const dayHeading = (date: string, style: "long" | "short") =>
  dateTimeFormat("en-GB", { weekday: style, day: "numeric", month: style === "long" ? "long" : "short", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

export default async function SchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const timeZone = await practiceTimeZone(actor.practiceId);
  const query = viewQuerySchema.parse(await searchParams);
  const today = toLocal(new Date(), timeZone).date;
  const date = query.date ?? today;
  const { wholePractice, ownDiary, chosen, clinicianId } = scheduleFilter(actor, query.clinician);
  const clinicians = await practiceClinicians(actor.practiceId);
  const rows = await listSchedule(actor, { view: query.view, date, clinicianId }, timeZone);
  await recordAuditRead(actor, "schedule.viewed", { view: query.view, from: scheduleRange({ view: query.view, date }).from, count: rows.length, whole: clinicianId === null }, await requestAuditContext());
  const { from, days, dates } = scheduleRange({ view: query.view, date });
  const busy = (await busyBlocks(actor, localDaysRange(from, days, timeZone), clinicianId)).map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, clinicianName: b.clinicianName }));
  const now = new Date();
  const overdueCount = await pastScheduledCount(actor, now);
  const step = query.view === "week" ? 7 : 1;
  const href = (over: Partial<{ view: string; date: string }>) =>
    `/schedule?${new URLSearchParams({ view: over.view ?? query.view, date: over.date ?? date, clinician: chosen })}` as Route;
  const title = query.view === "week" ? `Week of ${dayHeading(from, "long")}` : dayHeading(date, "long");
  const showClinician = clinicianId === null;
  return (
    <>
      <PageHeader
        title="Schedule"
        description={`${title}, in ${timeZone.replace("_", " ")} time. Clients appear by code and label only. Choose a free time to book there; drag an appointment to move it, or open it and use Move.`}
        actions={<ButtonLink href={`/schedule/new?date=${date}` as Route}>Book appointment</ButtonLink>}
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <nav aria-label="Dates" className="flex flex-wrap gap-2">
          <Link className={buttonClass("secondary")} href={href({ date: addDays(from, -step) })}>
            {query.view === "week" ? "Previous week" : "Previous day"}
          </Link>
          <Link className={buttonClass("secondary")} href={href({ date: today })}>
            Today
          </Link>
          <Link className={buttonClass("secondary")} href={href({ date: addDays(query.view === "week" ? from : date, step) })}>
            {query.view === "week" ? "Next week" : "Next day"}
          </Link>
        </nav>
        <nav aria-label="View" className="flex gap-2">
          <Link className={buttonClass(query.view === "day" ? "primary" : "secondary")} aria-current={query.view === "day" ? "page" : undefined} href={href({ view: "day" })}>
            Day
          </Link>
          <Link className={buttonClass(query.view === "week" ? "primary" : "secondary")} aria-current={query.view === "week" ? "page" : undefined} href={href({ view: "week" })}>
            Week
          </Link>
        </nav>
        <form action="/schedule" className="flex items-end gap-2">
          <input type="hidden" name="view" value={query.view} />
          <input type="hidden" name="date" value={date} />
          <div>
            <label htmlFor="clinician" className="block text-sm font-medium text-ink">Clinician</label>
            <select id="clinician" name="clinician" defaultValue={chosen === actor.membershipId ? "mine" : chosen} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
              {ownDiary ? <option value="mine">Me</option> : null}
              <option value="all">{wholePractice ? "Whole practice" : "All my clients"}</option>
              {clinicians.filter((c) => c.id !== actor.membershipId).map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>Show</button>
        </form>
        <p className="ml-auto flex flex-wrap gap-x-3 gap-y-1 text-sm">
          <Link href="/schedule/billing" className="text-brand-700 underline">Billing</Link>
          <Link href="/schedule/reminders" className="text-brand-700 underline">Reminders</Link>
          {mayManageAppointmentTypes(actor) ? <Link href="/schedule/types" className="text-brand-700 underline">Appointment types</Link> : null}
          {mayManageRooms(actor) ? <Link href="/schedule/rooms" className="text-brand-700 underline">Rooms</Link> : null}
          {ownDiary ? <Link href="/schedule/feed" className="text-brand-700 underline">Calendar feed</Link> : null}
          {ownDiary ? <Link href="/schedule/calendar" className="text-brand-700 underline">Connected calendar</Link> : null}
        </p>
      </div>
      {overdueCount > 0 ? (
        <p className="mb-4 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {overdueCount === 1 ? "1 past appointment is" : `${overdueCount} past appointments are`} still marked scheduled, so no fee is charged for {overdueCount === 1 ? "it" : "them"} yet.{" "}
          <Link href="/schedule/outcomes" className="font-semibold underline">Record outcomes</Link>
        </p>
      ) : null}
      {query.view === "week" ? <p className="mb-2 text-sm text-muted md:hidden">On a small screen, swipe the grid sideways for the rest of the week, or choose Day.</p> : null}
      <DragMove>
        <TimeGrid
          dates={dates}
          today={today}
          now={now}
          timeZone={timeZone}
          rows={rows}
          busy={busy}
          showClinician={showClinician}
          bookingQuery={clinicianId ? { clinician: clinicianId } : {}}
          dayLabel={(d) => dayHeading(d, "long")}
          heading={(d) => (
            <>
              {query.view === "week" ? (
                <Link href={href({ view: "day", date: d })} className="underline-offset-2 hover:underline">{dayHeading(d, "short")}</Link>
              ) : (
                dayHeading(d, "long")
              )}
              {d === today ? <span className="ml-1 text-xs font-normal text-muted">(today)</span> : null}
            </>
          )}
        />
      </DragMove>
    </>
  );
}
