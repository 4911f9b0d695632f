import type { Metadata, Route } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode } from "@/lib/clients/code";
import { takeHomeMarker } from "@/lib/home/marker";
import { changesSince, homeSections } from "@/lib/home/rules";
import { changesFor, myDay, openRequests, practiceDay, practiceToday } from "@/lib/home/today";
import { listOwnDrafts } from "@/lib/notes/list-own-drafts";
import { layoutOf } from "@/lib/notes/templates";
import { roleLabel } from "@/lib/practice/roles";
import { REQUEST_KINDS } from "@/lib/requests/kinds";
import { SetupChecklist } from "../setup-checklist";
import { AppointmentList } from "./appointment-list";
import { HomeSection } from "./home-section";
import { RiskPanel } from "./risk-panel";

export const metadata: Metadata = { title: "Today" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" });
const stamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const link = "text-sm font-semibold text-brand-700 underline";

// The home page: a clinician's day (today's and the next appointments, each with its note
// action), notes waiting to be signed and what changed since they last looked; owners and
// managers also see the practice's day, open requests and anything overdue. Rendering it moves
// the member's "last looked" marker (lib/home/marker.ts).
export default async function HomePage() {
  const actor = await requireActor();
  const show = homeSections(actor.role);
  const now = new Date();
  const previous = await takeHomeMarker(actor, now);
  const since = changesSince(previous, now);
  const { today, timeZone } = await practiceToday(actor.practiceId, now);
  const [mine, drafts, practice, requests, changed] = await Promise.all([
    show.myDay ? myDay(actor, now) : null,
    show.myDay ? listOwnDrafts(actor) : [],
    show.practiceDay ? practiceDay(actor, now) : null,
    show.requests ? openRequests(actor, today) : [],
    changesFor(actor, since),
  ]);
  const overdueRequests = requests.filter((r) => r.overdue);
  return (
    <>
      <PageHeader
        title={`Today, ${longDay.format(new Date(`${today}T00:00:00Z`))}`}
        description={`${actor.displayName}, ${roleLabel(actor.role).toLowerCase()} at ${actor.practiceName} (${timeZone.replace("_", " ")} time).`}
        actions={
          <>
            {actor.role === "OWNER" ? <ButtonLink href={"/settings/templates" as Route} variant="secondary">Note templates</ButtonLink> : null}
            <ButtonLink href="/schedule" variant="secondary">Schedule</ButtonLink>
          </>
        }
      />
      <RiskPanel actor={actor} />
      <SetupChecklist actor={actor} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-8">
          {mine ? (
            <>
              <HomeSection id="today" title="Your appointments today" count={mine.todays.length} empty={mine.todays.length === 0 ? "Nothing booked for you today." : null}>
                <AppointmentList rows={mine.todays} />
              </HomeSection>
              <HomeSection
                id="next"
                title="Coming up"
                action={<Link href="/schedule" className={link}>Your week</Link>}
                empty={mine.next.length === 0 ? "Nothing booked after today yet." : null}
              >
                <AppointmentList rows={mine.next} showDate />
              </HomeSection>
            </>
          ) : null}
          {practice ? (
            <HomeSection
              id="practice-day"
              title="The practice today"
              count={practice.appointments.length}
              action={<Link href={`/schedule?view=day&date=${today}` as Route} className={link}>Day view</Link>}
              empty={practice.appointments.length === 0 ? "No appointments booked at the practice today." : null}
            >
              <AppointmentList rows={practice.appointments} showClinician />
            </HomeSection>
          ) : null}
        </div>

        <div className="space-y-8">
          {show.myDay ? (
            <HomeSection id="drafts" title="Notes to sign" count={drafts.length} empty={drafts.length === 0 ? "All your notes are signed. Drafts you have not signed yet appear here, oldest first." : null}>
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {drafts.map((n) => {
                  const code = formatClientCode(n.client.code);
                  return (
                    <li key={n.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                      <span className="font-mono font-semibold">{code}</span>
                      <span className="text-sm text-muted">{n.client.label ?? ""}</span>
                      <span className="w-full text-sm">{day.format(n.sessionDate)} · {layoutOf(n).name} · {n.wordCount} words</span>
                      <Link href={`/clients/${code}/notes/${n.id}` as Route} className={link} aria-label={`Continue the ${day.format(n.sessionDate)} note for ${code}`}>
                        Continue
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </HomeSection>
          ) : null}


          <HomeSection
            id="changes"
            title={previous ? "Since you last looked" : "In the last week"}
            empty={changed.changes.length === 0 ? (previous ? `Nothing new since ${stamp.format(previous)}.` : "Nothing new in the last week.") : null}
          >
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {changed.changes.map((c) =>
                c.kind === "reflection" ? (
                  <li key={`r-${c.clientCode}-${c.at.toISOString()}`} className="px-4 py-3 text-sm">
                    <Link href={`/clients/${formatClientCode(c.clientCode)}` as Route} className="font-mono font-semibold text-brand-700 underline">{formatClientCode(c.clientCode)}</Link>
                    {c.clientLabel ? ` (${c.clientLabel})` : ""} shared a reflection · {stamp.format(c.at)}
                  </li>
                ) : c.kind === "measure_completed" ? (
                  <li key={`m-${c.clientCode}-${c.measure}-${c.at.toISOString()}`} className="px-4 py-3 text-sm">
                    <Link href={`/clients/${formatClientCode(c.clientCode)}#measures` as Route} className="font-mono font-semibold text-brand-700 underline">{formatClientCode(c.clientCode)}</Link>
                    {c.clientLabel ? ` (${c.clientLabel})` : ""} completed the {c.measure} · {stamp.format(c.at)}
                  </li>
                ) : (
                  <li key={`q-${c.requestId}`} className="px-4 py-3 text-sm">
                    <Link href={`/requests/${c.requestId}` as Route} className="font-semibold text-brand-700 underline">{REQUEST_KINDS[c.requestKind as keyof typeof REQUEST_KINDS]?.title ?? "A data request"}</Link>
                    {c.clientCode ? ` for ${formatClientCode(c.clientCode)}` : ""} was assigned to you · {stamp.format(c.at)}
                  </li>
                ),
              )}
              {changed.more > 0 ? <li className="px-4 py-3 text-sm text-muted">and {changed.more} more.</li> : null}
            </ul>
          </HomeSection>

          {show.requests ? (
            <HomeSection
              id="requests"
              title="Open data requests"
              count={requests.length}
              action={<Link href="/requests" className={link}>Open the queue</Link>}
              empty={requests.length === 0 ? "No open requests." : null}
            >
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {requests.slice(0, 10).map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
                    <Link href={`/requests/${r.id}` as Route} className="font-semibold text-brand-700 underline">{REQUEST_KINDS[r.kind].title}</Link>
                    {r.clientCode ? <span className="font-mono">{formatClientCode(r.clientCode)}</span> : null}
                    <span className={r.overdue ? "rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900" : "text-muted"}>
                      {r.overdue ? "Overdue: was due " : "Due "}{day.format(r.due)}
                    </span>
                    {!r.assigned ? <span className="text-muted">· unassigned</span> : null}
                  </li>
                ))}
                {requests.length > 10 ? <li className="px-4 py-3 text-sm text-muted">and {requests.length - 10} more in the queue.</li> : null}
              </ul>
            </HomeSection>
          ) : null}

          {practice ? (
            <HomeSection
              id="overdue"
              title="Overdue"
              empty={overdueRequests.length === 0 && practice.unrecorded === 0 ? "Nothing overdue." : null}
            >
              <ul className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-950">
                {overdueRequests.length > 0 ? (
                  <li>
                    {overdueRequests.length} data request{overdueRequests.length === 1 ? " is" : "s are"} past the legal due date.{" "}
                    <Link href="/requests" className="font-semibold underline">Open the queue</Link>
                  </li>
                ) : null}
                {practice.unrecorded > 0 ? (
                  <li>
                    {practice.unrecorded} past appointment{practice.unrecorded === 1 ? " still says" : "s still say"} scheduled: record whether they were attended.{" "}
                    <Link href="/schedule" className="font-semibold underline">Open the schedule</Link>
                  </li>
                ) : null}
              </ul>
            </HomeSection>
          ) : null}
        </div>
      </div>
    </>
  );
}
