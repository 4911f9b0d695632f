import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { formatClientCode } from "@/lib/clients/code";
import { appointmentDetail } from "@/lib/schedule/access";
import { penceToDecimal } from "@/lib/schedule/money";
import { practiceConventions } from "@/lib/practice/conventions";
import { currencySymbol, formatMoney } from "@/lib/practice/locale";
import { PAYMENT_LABEL, STATUS_LABEL } from "@/lib/schedule/schema";
import { nextWeekSameTime } from "@/lib/schedule/grid";
import { bookableRoomNames } from "@/lib/schedule/rooms";
import { toLocal } from "@/lib/schedule/time";
import { cancelAction, completeAction, moveAction, paymentAction } from "../actions";
import { dateTimeFormat } from "@/lib/format/intl";

export const metadata: Metadata = { title: "Appointment" };

function ScopeChoice({ seriesLeft, verb }: { seriesLeft: number; verb: string }) {
  if (seriesLeft === 0) return <input type="hidden" name="scope" value="ONE" />;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">Which appointments?</legend>
      <label className="flex min-h-11 items-center gap-2"><input type="radio" name="scope" value="ONE" defaultChecked className="size-5" />{verb} only this one</label>
      <label className="flex min-h-11 items-center gap-2"><input type="radio" name="scope" value="FOLLOWING" className="size-5" />{verb} this and the {seriesLeft} following</label>
    </fieldset>
  );
}

export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { appointment: a, clinicianName, canOpenNote, noteId, seriesLeft, changes } = await orNotFound(() => appointmentDetail(actor, id));
  const money = await practiceConventions(actor.practiceId);
  const { timeZone } = money;
  const start = toLocal(a.startsAt, timeZone);
  const end = toLocal(a.endsAt, timeZone);
  const minutes = Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);
  const day = dateTimeFormat(money.locale, { dateStyle: "full", timeZone }).format(a.startsAt);
  const code = formatClientCode(a.client.code);
  const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
  // The practice's rooms, and the one this appointment already has (kept even if archived since).
  const rooms = await bookableRoomNames(actor.practiceId);
  const roomChoices = a.room && !rooms.includes(a.room) ? [a.room, ...rooms] : rooms;
  const next = nextWeekSameTime(a.startsAt, timeZone);
  const nextHref = `/schedule/new?${new URLSearchParams({ client: code, clinician: a.clinicianId, type: a.practiceTypeId, minutes: String(minutes), date: next.date, time: next.time, ...(a.room ? { room: a.room } : {}) })}` as Route;
  return (
    <>
      <PageHeader
        title={`${a.practiceType.name} with ${code}`}
        description={`${day}, ${start.time}–${end.time} (${timeZone.replace("_", " ")} time)`}
        actions={
          <>
            <ButtonLink href={nextHref} variant="secondary">Book the next one</ButtonLink>
            {canOpenNote ? (
              <ButtonLink href={(noteId ? `/clients/${code}/notes/${noteId}` : `/schedule/${a.id}/note`) as Route}>{noteId ? "Open note" : "Write note"}</ButtonLink>
            ) : null}
          </>
        }
      />
      <dl className="mb-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium text-muted">Client</dt>
        <dd><Link href={`/clients/${code}` as Route} className="font-mono text-brand-700 underline">{code}</Link>{a.client.label ? ` (${a.client.label})` : ""}</dd>
        <dt className="font-medium text-muted">Clinician</dt><dd>{clinicianName}</dd>
        <dt className="font-medium text-muted">Length</dt><dd>{minutes} minutes</dd>
        <dt className="font-medium text-muted">Where</dt><dd>{a.room ?? (a.onlineLink ? <a href={a.onlineLink} className="text-brand-700 underline" rel="noreferrer">Online link</a> : "Not set")}</dd>
        <dt className="font-medium text-muted">Status</dt><dd data-testid="status">{STATUS_LABEL[a.status]}</dd>
        {a.cancelRequestedAt && a.status === "SCHEDULED" ? (
          <><dt className="font-medium text-muted">Client asked</dt><dd data-testid="cancel-requested" className="font-medium text-amber-900">To cancel, in the portal on {dateTimeFormat(money.locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(a.cancelRequestedAt)}. Cancel it below to confirm.</dd></>
        ) : null}
        <dt className="font-medium text-muted">Fee</dt><dd data-testid="payment">{formatMoney(a.feePence, money)}, {PAYMENT_LABEL[a.paymentState].toLowerCase()}</dd>
        {a.seriesId ? (<><dt className="font-medium text-muted">Series</dt><dd>{seriesLeft} more scheduled after this one</dd></>) : null}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        {changes.recordOutcome ? (
          <section aria-labelledby="outcome" className={section}>
            <h2 id="outcome" className="font-semibold">Outcome</h2>
            <div className="flex flex-wrap gap-2">
              {changes.outcomes.map((s) => (
                <form key={s} action={completeAction}>
                  <input type="hidden" name="id" value={a.id} />
                  <input type="hidden" name="status" value={s} />
                  <Button type="submit" variant="secondary">{s === "ATTENDED" ? "Mark attended" : "Mark did not attend"}</Button>
                </form>
              ))}
            </div>
          </section>
        ) : null}
        <section aria-labelledby="payment-heading" className={section}>
          <h2 id="payment-heading" className="font-semibold">Payment</h2>
          <form action={paymentAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="id" value={a.id} />
            <div className="w-32"><Input label={`Fee (${currencySymbol(money)})`} name="fee" inputMode="decimal" defaultValue={penceToDecimal(a.feePence)} /></div>
            <div className="w-40">
              <Select label="Payment state" name="paymentState" defaultValue={a.paymentState}>
                {(["UNPAID", "PAID", "WAIVED"] as const).map((p) => <option key={p} value={p}>{PAYMENT_LABEL[p]}</option>)}
              </Select>
            </div>
            <Button type="submit" variant="secondary">Save payment</Button>
          </form>
        </section>
        {changes.move ? (
          <section aria-labelledby="move" className={section}>
            <h2 id="move" className="font-semibold">Move</h2>
            <form action={moveAction} className="space-y-3">
              <input type="hidden" name="id" value={a.id} />
              <div className="grid gap-3 sm:grid-cols-3">
                <Input label="New date" name="date" type="date" defaultValue={start.date} required />
                <Input label="New time" name="time" type="time" step={300} defaultValue={start.time} required />
                <Input label="Minutes" name="durationMinutes" type="number" min={5} max={720} step={5} defaultValue={minutes} required />
                <Select label="Room" name="room" defaultValue={a.room ?? ""}>
                  <option value="">No room</option>
                  {roomChoices.map((r) => <option key={r} value={r}>{r}</option>)}
                </Select>
                <div className="sm:col-span-2"><Input label="Online link" name="onlineLink" type="url" defaultValue={a.onlineLink ?? ""} maxLength={500} /></div>
              </div>
              <ScopeChoice seriesLeft={seriesLeft} verb="Move" />
              <Button type="submit" variant="secondary">Move appointment</Button>
            </form>
          </section>
        ) : null}
        {changes.cancel ? (
          <section aria-labelledby="cancel" className={section}>
            <h2 id="cancel" className="font-semibold">Cancel</h2>
            <form action={cancelAction} className="space-y-3">
              <input type="hidden" name="id" value={a.id} />
              <Select label="Cancelled by" name="status" defaultValue="CANCELLED_BY_CLIENT" hint="A late cancellation keeps its fee; the others are not charged.">
                {(["CANCELLED_BY_CLIENT", "CANCELLED_LATE", "CANCELLED_BY_PRACTICE"] as const).map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
              </Select>
              <ScopeChoice seriesLeft={seriesLeft} verb="Cancel" />
              <Button type="submit" variant="danger">Cancel appointment</Button>
            </form>
          </section>
        ) : null}
      </div>
      <p className="mt-6"><Link href={`/schedule?view=week&date=${start.date}` as Route} className="text-brand-700 underline">Back to the week</Link></p>
    </>
  );
}
