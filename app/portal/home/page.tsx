import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { requestAuditContext } from "@/lib/entry/context";
import { recordHistory } from "@/lib/portal/history";
import { connectionState, listOwnReflections } from "@/lib/portal/reflections";
import { currentPortalClient } from "@/lib/entry/caller";
import { effectiveDue, REQUEST_KINDS } from "@/lib/requests/kinds";
import { exportLink } from "@/lib/requests/export-link";
import { listOwnRequests } from "@/lib/requests/list-own-requests";
import { erasureNotice } from "@/lib/backup/erasure-notice";
import { reminderConsent } from "@/lib/reminders/consent";
import { listUpcomingAppointments } from "@/lib/portal/appointments";
import { portalPractice } from "@/lib/portal/practice";
import { answerConnectionAction, portalSignOutAction, requestCancellationAction, setRemindersAction, shareReflectionAction, withdrawRequestAction } from "../actions";
import { ReflectionForm, RequestForm } from "../forms";
import { PendingMeasuresNotice } from "../measures/pending-notice";
import { PendingForms } from "../form/pending-forms";
import { dateTimeFormat } from "@/lib/format/intl";

export const metadata: Metadata = { title: "Your portal" };

const day = dateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const STATUS: Record<string, string> = { OPEN: "Being handled", COMPLETED: "Done", REFUSED: "Not done (see why)", PARTLY_REFUSED: "Partly done (see why)", WITHDRAWN: "Withdrawn by you" };
const whenIn = (timeZone: string) => dateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
const untilIn = (timeZone: string) => dateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });

export default async function PortalHomePage() {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  if (portal.mustChangePin) redirect("/portal/pin");
  const [practice, appointments, requests, reflections, history, connection, reminders] = await Promise.all([
    portalPractice(portal),
    listUpcomingAppointments(portal),
    listOwnRequests(portal),
    listOwnReflections(portal),
    recordHistory(portal, await requestAuditContext()),
    connectionState(portal.clientId),
    reminderConsent(portal.clientId),
  ]);
  const practiceName = practice.name;
  const when = whenIn(practice.timeZone);
  const until = untilIn(practice.timeZone);
  const downloads = new Map<string, string>();
  for (const r of requests) for (const e of r.exports) downloads.set(r.id, await exportLink(portal, e.id));
  return (
    <div className="space-y-12">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-semibold text-brand-700" data-testid="practice-name">{practiceName}</p>
          <h1 className="text-2xl font-semibold tracking-tight">Your portal</h1>
          <p className="text-muted">Your appointments, your data and your rights, private reflections, and who has looked at your record.</p>
        </div>
        <form action={portalSignOutAction}>
          <Button type="submit" variant="secondary">Sign out</Button>
        </form>
      </div>

      <PendingMeasuresNotice portal={portal} />
      <PendingForms portal={portal} />
      <section id="appointments" aria-labelledby="appointments-heading" className="space-y-4">
        <h2 id="appointments-heading" className="text-xl font-semibold">Your next appointments</h2>
        {appointments.length === 0 ? (
          <p className="text-muted">No appointments booked. To book one, contact {practiceName}.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Upcoming appointments">
            {appointments.map((a) => (
              <li key={a.id} className="space-y-2 px-4 py-3">
                <p className="font-medium">
                  <time dateTime={a.startsAt.toISOString()}>{when.format(a.startsAt)}</time> to {until.format(a.endsAt)}
                </p>
                <p className="text-sm text-muted">{a.typeName} · {a.online ? "Online" : a.room ? `In person, ${a.room}` : "In person"}</p>
                {a.cancelRequestedAt ? (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">You asked to cancel this on {day.format(a.cancelRequestedAt)}. The practice will confirm; until then it is still booked.</p>
                ) : (
                  <form action={requestCancellationAction}>
                    <input type="hidden" name="id" value={a.id} />
                    <Button type="submit" variant="secondary" aria-label={`Ask to cancel the appointment on ${when.format(a.startsAt)}`}>Ask to cancel</Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm text-muted">Asking to cancel sends a request to the practice; it is cancelled once they confirm. To move an appointment, contact the practice.</p>
      </section>
      <p>
        <Link href="/portal/invoices" className="font-medium text-brand-700 underline">Your invoices and receipts</Link>
        <span className="text-muted">: read, print or download them.</span>
      </p>

      <section id="reminders" aria-labelledby="reminders-heading" className="space-y-4">
        <h2 id="reminders-heading" className="text-xl font-semibold">Appointment reminders</h2>
        <p className="text-muted">
          If you like, we email you {reminders.hoursBefore === 24 ? "the day before" : `${reminders.hoursBefore} hours before`} each appointment, at the email address the practice has for you. The email says
          only the practice&apos;s name, when and where. If the address is wrong or missing, tell the practice.
        </p>
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <p className="flex-1">
            {reminders.optedInAt ? <strong>Reminders are on.</strong> : <strong>Reminders are off.</strong>}
            {reminders.optedInAt && !reminders.practiceSends ? " The practice is not sending reminders at the moment." : ""}
          </p>
          <form action={setRemindersAction}>
            <input type="hidden" name="on" value={reminders.optedInAt ? "0" : "1"} />
            <Button type="submit" variant={reminders.optedInAt ? "secondary" : "primary"}>{reminders.optedInAt ? "Turn reminders off" : "Email me reminders"}</Button>
          </form>
        </div>
      </section>

      <section id="requests" aria-labelledby="requests-heading" className="space-y-4">
        <h2 id="requests-heading" className="text-xl font-semibold">Your data and your rights</h2>
        <p className="text-muted">You can ask for a copy of your data, ask us to correct it or delete it, or object to how we use it. The practice must answer within one month.</p>
        <p className="text-sm text-muted" data-testid="erasure-backups">{erasureNotice()}</p>
        <RequestForm kinds={Object.entries(REQUEST_KINDS).map(([k, v]) => [k, v.title])} backupNotice={erasureNotice()} />
        {requests.length > 0 ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {requests.map((r) => (
              <li key={r.id} className="space-y-1 px-4 py-3">
                <p className="font-medium">{REQUEST_KINDS[r.kind].title}</p>
                <p className="text-sm text-muted">
                  Sent {day.format(r.receivedAt)} · {STATUS[r.status]}
                  {r.status === "OPEN" ? ` · answer due by ${day.format(effectiveDue(r))}` : ""}
                </p>
                {r.extensionReason && r.status === "OPEN" ? <p className="text-sm">The practice needs more time: {r.extensionReason}</p> : null}
                {r.outcome ? <p className="text-sm">{r.outcome}</p> : null}
                {r.status === "OPEN" ? (
                  <form action={withdrawRequestAction}>
                    <input type="hidden" name="id" value={r.id} />
                    <Button type="submit" variant="ghost" aria-label={`Withdraw your request: ${REQUEST_KINDS[r.kind].title}`}>Withdraw this request</Button>
                  </form>
                ) : null}
                {downloads.has(r.id) ? (
                  <a href={`/portal/exports/${downloads.get(r.id)}`} className="inline-block font-semibold text-brand-700 underline" download>
                    Download your copy (ZIP)
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section id="reflections" aria-labelledby="reflections-heading" className="space-y-4">
        <h2 id="reflections-heading" className="text-xl font-semibold">Your reflections</h2>
        <p className="text-muted">A private place to write between sessions. Your therapist sees an entry only if you share it, and you can stop sharing at any time.</p>
        {connection.reflectionsInvitedAt && !connection.reflectionsAcceptedAt ? (
          <div className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-4">
            <p>Your therapist has asked if you would like to share your reflections with them. If you say yes, new entries are shared; everything you wrote before stays private. You can stop at any time.</p>
            <div className="flex flex-wrap gap-2">
              <form action={answerConnectionAction}><input type="hidden" name="accept" value="1" /><Button type="submit">Yes, share new entries</Button></form>
              <form action={answerConnectionAction}><input type="hidden" name="accept" value="0" /><Button type="submit" variant="secondary">No, keep them private</Button></form>
            </div>
          </div>
        ) : null}
        {connection.reflectionsAcceptedAt ? (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <span>New entries are shared with your therapist.</span>
            <form action={answerConnectionAction}><input type="hidden" name="accept" value="0" /><Button type="submit" variant="ghost">Stop sharing new entries</Button></form>
          </div>
        ) : null}
        <ReflectionForm />
        <ul className="space-y-3">
          {reflections.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="whitespace-pre-wrap">{r.text}</p>
              <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-muted">
                <span>{day.format(r.createdAt)} · {r.sharedAt ? "Shared with your therapist" : "Private"}</span>
                <form action={shareReflectionAction}>
                  <input type="hidden" name="id" value={r.id} />
                  <input type="hidden" name="share" value={r.sharedAt ? "0" : "1"} />
                  <Button type="submit" variant="ghost">{r.sharedAt ? "Stop sharing" : "Share with my therapist"}</Button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-xl font-semibold">Who has looked at your record</h2>
        {history.length === 0 ? (
          <p className="text-muted">Nothing yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {history.map((h) => (
              <li key={h.id} className="px-4 py-2"><span className="text-muted">{day.format(h.at)}:</span> {h.text}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
