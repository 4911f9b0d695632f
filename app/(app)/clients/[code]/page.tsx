import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { findClientFor } from "@/lib/clients/access";
import { listClinicians } from "@/lib/clients/list-clinicians";
import { formatClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { revealReasonsFor, revealScope } from "@/lib/clients/reveal";
import { mayRemoveClinician, takesBookings } from "@/lib/clients/client-rules";
import { listAssignedClinicians } from "@/lib/clients/list-assigned-clinicians";
import { listClientNotes } from "@/lib/notes/list-client-notes";
import { availablePracticeTemplates } from "@/lib/notes/manage-practice-templates";
import { layoutOf, TEMPLATES, templateIds } from "@/lib/notes/templates";
import { identityRecordedIfReachable } from "@/lib/vault/identity-recorded-if-reachable";
import { inviteReflectionsAction, recordReminderConsentAction } from "../actions";
import { reminderConsent } from "@/lib/reminders/consent";
import { assignAction, createNoteAction, setStatusAction, unassignAction } from "../actions";
import { LabelForm } from "./label-form";
import { RevealPanel } from "./reveal-panel";
import { StatementPeriodForm } from "./statement/period-form";
import { practiceTimeZone } from "@/lib/schedule/access";
import { addDays, monthBounds, toLocal } from "@/lib/schedule/time";
import { PortalAccessPanel } from "./portal-access";
import { MeasuresPanel } from "./measures-panel";
import { FormsPanel } from "./forms-panel";
import { mayIssuePortalAccess, portalStatus } from "@/lib/portal/access";
import { connectionState, sharedReflections } from "@/lib/portal/reflections";
import { requestAuditContext } from "@/lib/entry/context";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Client ${decodeURIComponent((await params).code).toUpperCase()}` };
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function ClientPage({ params }: Params) {
  const actor = await requireActor();
  const raw = decodeURIComponent((await params).code);
  const access = await orNotFound((context) => findClientFor(actor, raw, context));
  const { client } = access;
  const code = formatClientCode(client.code);
  const [notes, assignments, clinicians, scope, identityRecorded, reminders] = await Promise.all([
    listClientNotes(actor, access),
    listAssignedClinicians(access),
    access.canManage ? listClinicians(actor) : Promise.resolve([]),
    revealScope(actor, access.assigned),
    identityRecordedIfReachable({ id: client.id, practiceId: actor.practiceId }),
    reminderConsent(client.id),
  ]);
  await recordAuditRead(actor, "client.viewed", { entries: notes.length }, await requestAuditContext(), { type: "client", id: client.code });
  const [portal, shared, connection] = access.canReadNotes
    ? await Promise.all([portalStatus(client.id), sharedReflections(actor, access, await requestAuditContext()), connectionState(client.id)])
    : [null, [], null];
  const practiceTemplates = access.canReadNotes ? await availablePracticeTemplates(actor.practiceId) : [];
  const unassigned = clinicians.filter((c) => !assignments.some((a) => a.membershipId === c.id));
  const month = toLocal(new Date(), await practiceTimeZone(actor.practiceId)).date.slice(0, 7);
  const [statementFrom, statementTo] = [`${month}-01`, addDays(monthBounds(month).next, -1)];
  const reasons = scope ? revealReasonsFor(scope) : [];

  return (
    <>
      <div className="mb-6 flex flex-col gap-3 border-b border-slate-200 pb-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-muted"><Link href="/clients" className="underline">Clients</Link> / client</p>
          <h1 className="font-mono text-2xl font-semibold tracking-tight text-ink">{code}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-muted">
            {client.label ?? "No working label"}
            {client.status === "DISCHARGED" ? (
              <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Discharged {client.dischargedAt ? day.format(client.dischargedAt) : ""}</span>
            ) : (
              <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Active</span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {takesBookings(client) ? (
            <Link href={`/schedule/new?client=${code}` as Route} className="text-sm font-semibold text-brand-700 underline">Book appointment</Link>
          ) : null}
          {access.canManage ? (
            <form action={setStatusAction}>
              <input type="hidden" name="code" value={code} />
              <input type="hidden" name="status" value={client.status === "ACTIVE" ? "DISCHARGED" : "ACTIVE"} />
              <Button type="submit" variant="secondary">{client.status === "ACTIVE" ? "Discharge" : "Reopen"}</Button>
            </form>
          ) : null}
        </div>
      </div>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-8">
          {access.canSeeNoteList ? (
            <section aria-labelledby="notes-heading" className="space-y-3">
              <h2 id="notes-heading" className="text-lg font-semibold">Sessions and notes</h2>
              {access.canReadNotes ? (
                <form action={createNoteAction} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
                  <input type="hidden" name="code" value={code} />
                  <div className="w-44">
                    <Input label="Session date" name="sessionDate" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} />
                  </div>
                  <div className="w-44">
                    <Select label="Template" name="template" defaultValue="SOAP">
                      <optgroup label="Built-in">{templateIds.map((t) => <option key={t} value={t}>{TEMPLATES[t].name}</option>)}</optgroup>
                      {practiceTemplates.length > 0 ? <optgroup label="This practice">{practiceTemplates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</optgroup> : null}
                    </Select>
                  </div>
                  <label className="flex min-h-10 items-center gap-2 text-sm">
                    <input type="checkbox" name="process" className="size-4" /> Process note (private to you)
                  </label>
                  <Button type="submit">New note</Button>
                </form>
              ) : (
                <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-muted">
                  You can see that notes exist, but only clinicians assigned to this client can read them.
                </p>
              )}
              {notes.length === 0 ? (
                <EmptyState title="No notes yet">Notes you write for this client appear here, newest first.</EmptyState>
              ) : (
                <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                  {notes.map((n) => (
                    <li key={n.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                      <span className="w-28 font-medium">{day.format(n.sessionDate)}</span>
                      <span className="text-sm text-muted">{layoutOf(n).name}</span>
                      {n.discardedAt ? (
                        <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Discarded draft · kept in history</span>
                      ) : n.kind === "PROCESS" ? (
                        <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">Process note · private</span>
                      ) : n.status === "SIGNED" ? (
                        <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Signed</span>
                      ) : (
                        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Draft</span>
                      )}
                      <span className="text-sm text-muted">
                        {n.authorName} · {n.wordCount} words{n.addenda ? ` · ${n.addenda} addend${n.addenda === 1 ? "um" : "a"}` : ""}
                      </span>
                      {access.canReadNotes ? (
                        <Link href={`/clients/${code}/notes/${n.id}`} className="ml-auto text-sm font-semibold text-brand-700 underline" aria-label={`Open the ${day.format(n.sessionDate)} note`}>
                          Open
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ) : (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-muted">Practice managers see clients&apos; codes and labels for scheduling, not their notes.</p>
          )}
          <MeasuresPanel actor={actor} access={access} />
          {shared.length > 0 ? (
            <section aria-labelledby="shared-heading" className="space-y-3">
              <h2 id="shared-heading" className="text-lg font-semibold">Reflections the client shared with you</h2>
              <ul className="space-y-3">
                {shared.map((r) => (
                  <li key={r.id} className="rounded-lg border border-sky-200 bg-sky-50 p-4">
                    <p className="whitespace-pre-wrap">{r.text}</p>
                    <p className="mt-2 text-xs text-muted">Written {day.format(r.createdAt)} · shared {day.format(r.sharedAt)} · the client can stop sharing at any time</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <aside className="space-y-8">
          <section aria-labelledby="identity-heading" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50/60 p-4">
            <h2 id="identity-heading" className="text-lg font-semibold">Identity</h2>
            {!scope ? (
              <p className="text-sm text-muted">Kept in the vault. Only clinicians assigned to this client can reveal it.</p>
            ) : identityRecorded === null ? (
              <p role="status" className="text-sm">Identity details cannot be reached right now. Notes and appointments still work; try again in a few minutes.</p>
            ) : !identityRecorded ? (
              <p className="text-sm">
                No identity recorded yet.{" "}
                {access.canReadNotes ? <Link href={`/clients/${code}/identity`} className="font-semibold text-brand-700 underline">Record identity</Link> : null}
              </p>
            ) : isSteppedUp(actor) ? (
              <>
                <RevealPanel code={code} reasons={reasons} />
                {access.canReadNotes ? <Link href={`/clients/${code}/identity`} className="text-sm text-brand-700 underline">Update identity</Link> : null}
              </>
            ) : (
              <p className="text-sm">
                Revealing who this is needs a recent confirmation of who you are.{" "}
                <Link href={stepUpPath(`/clients/${code}`)} className="font-semibold text-brand-700 underline">Confirm it is you</Link>
              </p>
            )}
          </section>

          {scope ? (
            <section aria-labelledby="statement-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="statement-heading" className="text-lg font-semibold">Statement</h2>
              <p className="text-sm text-muted">Appointments, fees and payments for a period, addressed to the client by name. Generating it is recorded as a billing reveal{isSteppedUp(actor) ? "" : " and asks you to confirm it is you first"}.</p>
              <StatementPeriodForm code={code} from={statementFrom} to={statementTo} />
            </section>
          ) : null}

          {mayIssuePortalAccess(access) ? (
            <section aria-labelledby="portal-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="portal-heading" className="text-lg font-semibold">Client portal</h2>
              <PortalAccessPanel code={code} issuedAt={portal?.issuedAt.toISOString() ?? null} changed={Boolean(portal && !portal.mustChangePin)} />
              {portal && connection ? (
                connection.reflectionsAcceptedAt ? (
                  <p className="text-sm">Reflections: connected since {day.format(connection.reflectionsAcceptedAt)}. New entries are shared unless the client stops sharing them.</p>
                ) : connection.reflectionsInvitedAt ? (
                  <p className="text-sm text-muted">Reflections: invitation sent; waiting for the client to accept.</p>
                ) : (
                  <form action={inviteReflectionsAction}>
                    <input type="hidden" name="code" value={code} />
                    <Button type="submit" variant="ghost">Invite to share reflections</Button>
                  </form>
                )
              ) : null}
            </section>
          ) : null}

          <FormsPanel actor={actor} access={access} code={code} />

          <section aria-labelledby="reminders-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="reminders-heading" className="text-lg font-semibold">Appointment reminders</h2>
            <p className="text-sm" data-testid="reminder-consent">
              {reminders.optedInAt
                ? `On: ${reminders.recordedBy ? `consent given in session, recorded by ${reminders.recordedBy}` : "the client turned them on in the portal"} on ${day.format(reminders.optedInAt)}.`
                : "Off: the client has not asked for reminder emails."}
              {reminders.optedInAt && !reminders.practiceSends ? " The practice is not sending reminders at the moment." : ""}
            </p>
            {access.canReadNotes ? (
              <form action={recordReminderConsentAction}>
                <input type="hidden" name="code" value={code} />
                <input type="hidden" name="on" value={reminders.optedInAt ? "0" : "1"} />
                <Button type="submit" variant="ghost">{reminders.optedInAt ? "Record that they withdrew consent" : "Record consent given in session"}</Button>
              </form>
            ) : null}
            <p className="text-xs text-muted">The email goes to the address in the vault, which is read only when a reminder is sent.</p>
          </section>

          <section aria-labelledby="clinicians-heading" className="space-y-3">
            <h2 id="clinicians-heading" className="text-lg font-semibold">Clinicians</h2>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {assignments.map((a) => (
                <li key={a.membershipId} className="flex items-center gap-3 px-4 py-2">
                  <span className="flex-1">{a.membership.user.displayName}</span>
                  {mayRemoveClinician(access, assignments.length) ? (
                    <form action={unassignAction}>
                      <input type="hidden" name="code" value={code} />
                      <input type="hidden" name="membershipId" value={a.membershipId} />
                      <Button type="submit" variant="ghost" aria-label={`Remove ${a.membership.user.displayName} from this client`}>Remove</Button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
            {access.canManage && unassigned.length > 0 ? (
              <form action={assignAction} className="flex items-end gap-2">
                <input type="hidden" name="code" value={code} />
                <div className="flex-1">
                  <Select label="Assign a clinician" name="membershipId" defaultValue={unassigned[0]!.id}>
                    {unassigned.map((c) => <option key={c.id} value={c.id}>{c.user.displayName}</option>)}
                  </Select>
                </div>
                <Button type="submit" variant="secondary">Assign</Button>
              </form>
            ) : null}
          </section>

          {access.canManage ? (
            <section aria-labelledby="label-heading" className="space-y-3">
              <h2 id="label-heading" className="text-lg font-semibold">Working label</h2>
              <LabelForm code={code} label={client.label ?? ""} />
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
