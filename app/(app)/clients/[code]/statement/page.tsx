import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { stepUpPath } from "@/lib/entry/step-up";
import { findClientFor } from "@/lib/clients/access";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { revealScope } from "@/lib/clients/reveal";
import { AppError } from "@/lib/http/errors";
import { practiceTimeZone } from "@/lib/schedule/access";
import { practiceConventions } from "@/lib/practice/conventions";
import { formatMoney, type MoneyConvention } from "@/lib/practice/locale";
import { PAYMENT_LABEL, STATUS_LABEL, statementPeriodSchema } from "@/lib/schedule/schema";
import { generateStatement, type Statement, type StatementLine } from "@/lib/schedule/statement";
import { addDays, monthBounds, toLocal } from "@/lib/schedule/time";
import { StatementPeriodForm } from "./period-form";
import { PrintButton } from "./print-button";
import { dateTimeFormat } from "@/lib/format/intl";

// A client's statement, generated on each request and never stored: a billing reveal (see
// lib/schedule/statement.ts). The page is dynamic, so Next sends it with Cache-Control no-store.

export const metadata: Metadata = { title: "Statement" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const longDateIn = (locale: string) => (isoDate: string) => dateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T12:00:00Z`));

export default async function StatementPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const raw = decodeURIComponent((await params).code);
  const canonical = parseClientCode(raw);
  const code = canonical ? formatClientCode(canonical) : raw;
  const query = await searchParams;
  const from = typeof query.from === "string" ? query.from : undefined;
  const to = typeof query.to === "string" ? query.to : undefined;

  const access = await orNotFound((context) => findClientFor(actor, raw, context));
  if (!from && !to) {
    // Only the period form: no reveal yet, but the same rule about who may.
    if (!(await revealScope(actor, access.assigned))) return <Refused code={code} recorded={false} />;
    const timeZone = await practiceTimeZone(actor.practiceId);
    const month = toLocal(new Date(), timeZone).date.slice(0, 7);
    return <PeriodOnly code={code} from={`${month}-01`} to={addDays(monthBounds(month).next, -1)} />;
  }
  const period = statementPeriodSchema.safeParse({ from, to });
  if (!period.success) {
    const errors = Object.fromEntries(period.error.issues.map((i) => [String(i.path[0]), i.message]));
    return <PeriodOnly code={code} from={from ?? ""} to={to ?? ""} errors={errors} />;
  }

  let statement: Statement;
  try {
    statement = await generateStatement(actor, raw, period.data, await requestAuditContext());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) notFound();
    if (error.code === "step_up_required") redirect(stepUpPath(`/clients/${code}/statement?from=${period.data.from}&to=${period.data.to}`));
    if (error.code === "reveal_not_permitted") return <Refused code={code} recorded />;
    throw error;
  }
  return <StatementView statement={statement} code={code} money={await practiceConventions(actor.practiceId)} />;
}

function PeriodOnly({ code, from, to, errors }: { code: string; from: string; to: string; errors?: { from?: string; to?: string } }) {
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm text-muted"><Link href={`/clients/${code}` as Route} className="underline">Client {code}</Link> / statement</p>
      <h1 className="text-2xl font-semibold tracking-tight">Statement for {code}</h1>
      <p className="text-muted">Choose the period. The statement shows the client&apos;s name and address from the vault, so generating it is recorded as a billing reveal.</p>
      <StatementPeriodForm code={code} from={from} to={to} errors={errors} />
    </div>
  );
}

function Refused({ code, recorded }: { code: string; recorded: boolean }) {
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm text-muted"><Link href={`/clients/${code}` as Route} className="underline">Client {code}</Link> / statement</p>
      <h1 className="text-2xl font-semibold tracking-tight">You cannot generate this statement</h1>
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-900">
        A statement shows who the client is. Only clinicians assigned to this client can generate one (and practice managers, where the owner allows them to see contact details).{recorded ? " This attempt has been recorded." : ""}
      </p>
    </div>
  );
}

function StatementView({ statement, code, money }: { statement: Statement; code: string; money: MoneyConvention }) {
  const { timeZone, period, totals } = statement;
  const formatPence = (minor: number) => formatMoney(minor, money);
  const longDate = longDateIn(money.locale);
  const day = dateTimeFormat(money.locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone });
  const issued = longDate(toLocal(statement.generatedAt, timeZone).date);
  const cell = "px-3 py-2 align-top print:px-2 print:py-1.5";
  return (
    <>
      <div className="mb-6 space-y-4 print:hidden">
        <p className="text-sm text-muted"><Link href={`/clients/${code}` as Route} className="underline">Client {code}</Link> / statement</p>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <StatementPeriodForm code={code} from={period.from} to={period.to} submitLabel="Change period" />
          <PrintButton />
        </div>
        <p className="text-sm text-muted">This statement is not stored: it is made each time you open it, and each time is recorded as a billing reveal.</p>
      </div>

      <article aria-labelledby="statement-heading" className="mx-auto max-w-[210mm] rounded-lg border border-slate-200 bg-white p-5 text-[15px] shadow-sm sm:p-12 print:max-w-none print:rounded-none print:border-0 print:p-0 print:text-[11pt] print:shadow-none">
        <header className="flex flex-wrap items-start justify-between gap-6 border-b-2 border-brand-700 pb-5">
          <div>
            <p className="text-xl font-semibold text-brand-800">{statement.practiceName}</p>
            <h1 id="statement-heading" className="mt-1 text-3xl font-semibold tracking-tight">Statement</h1>
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">Date</dt>
            <dd>{issued}</dd>
            <dt className="text-muted">Period</dt>
            <dd>{longDate(period.from)} to {longDate(period.to)}</dd>
            <dt className="text-muted">Reference</dt>
            <dd className="font-mono">{formatClientCode(statement.clientCode)}</dd>
          </dl>
        </header>

        <section aria-label="Addressed to" className="mt-6 min-h-24">
          {statement.addressee ? (
            <address className="not-italic leading-relaxed">
              <span className="block font-semibold">{statement.addressee.name}</span>
              {statement.addressee.address ? <span className="block whitespace-pre-line">{statement.addressee.address}</span> : null}
            </address>
          ) : (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              No identity is recorded for this client, so the statement has no name or address. Record it on the client&apos;s page first if you mean to send it.
            </p>
          )}
        </section>

        <section aria-labelledby="appointments-heading" className="mt-8">
          <h2 id="appointments-heading" className="mb-2 text-lg font-semibold">Appointments</h2>
          {statement.lines.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-muted">
              No appointments between {longDate(period.from)} and {longDate(period.to)}: nothing is owed for this period.
            </p>
          ) : (
            // Wide on a phone: the table scrolls sideways on screen (keyboard too), never on paper.
            <div className="relative overflow-x-auto print:overflow-visible" tabIndex={0} role="group" aria-label="Appointments table (scrolls sideways on small screens)">
            <table className="w-full min-w-[36rem] border-collapse text-left text-sm print:min-w-0 print:text-[10pt]">
              <thead className="border-b border-slate-300 text-muted">
                <tr>
                  <th scope="col" className={`${cell} font-medium`}>Date</th>
                  <th scope="col" className={`${cell} font-medium`}>Time</th>
                  <th scope="col" className={`${cell} font-medium`}>Appointment</th>
                  <th scope="col" className={`${cell} font-medium`}>Status</th>
                  <th scope="col" className={`${cell} text-right font-medium`}>Fee</th>
                  <th scope="col" className={`${cell} font-medium`}>Payment</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {statement.lines.map((l) => (
                  <tr key={l.id} className="break-inside-avoid">
                    <td className={`${cell} whitespace-nowrap`}>{day.format(l.startsAt)}</td>
                    <td className={`${cell} whitespace-nowrap tabular-nums`}>{toLocal(l.startsAt, timeZone).time}–{toLocal(l.endsAt, timeZone).time}</td>
                    <td className={cell}>{l.typeName} <span className="text-muted">with {l.clinicianName}</span></td>
                    <td className={cell}>{STATUS_LABEL[l.status as keyof typeof STATUS_LABEL]}</td>
                    <td className={`${cell} text-right tabular-nums`}>{l.charge === "none" ? <><span aria-hidden="true" className="text-muted">–</span><span className="sr-only">No charge</span></> : formatPence(l.feePence)}</td>
                    <td className={cell}>{paymentText(l)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </section>

        <section aria-labelledby="totals-heading" className="mt-8 flex justify-end break-inside-avoid">
          <div className="w-full max-w-xs">
            <h2 id="totals-heading" className="sr-only">Totals</h2>
            <dl className="divide-y divide-slate-200 border-y border-slate-300 text-sm">
              <Total label="Charged" pence={totals.chargedPence} money={money} />
              <Total label="Paid" pence={totals.paidPence} money={money} />
              <Total label="Waived" pence={totals.waivedPence} money={money} />
              <Total label="Outstanding" pence={totals.outstandingPence} money={money} strong />
            </dl>
          </div>
        </section>

        <footer className="mt-10 border-t border-slate-200 pt-4 text-xs text-muted">
          <p>Fees are charged for attended appointments, late cancellations and missed appointments, unless waived. Appointments cancelled in good time are not charged.</p>
          <p className="mt-1">Times are in the practice&apos;s time zone ({timeZone}). Please quote the reference {formatClientCode(statement.clientCode)} with any payment.</p>
        </footer>
      </article>
    </>
  );
}

function paymentText(l: StatementLine) {
  if (l.charge === "waived") return "Waived";
  if (l.charge === "charged") return PAYMENT_LABEL[l.paymentState as keyof typeof PAYMENT_LABEL];
  return <span className="text-muted">{l.status === "SCHEDULED" ? "Not yet held" : "Not charged"}</span>;
}

function Total({ label, pence, money, strong = false }: { label: string; pence: number; money: MoneyConvention; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 px-1 py-2 ${strong ? "text-base font-semibold" : ""}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{formatMoney(pence, money)}</dd>
    </div>
  );
}
