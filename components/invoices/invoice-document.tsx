import { formatClientCode } from "@/lib/clients/code";
import { formatMoney } from "@/lib/practice/locale";
import { documentNumber, STATUS_LABELS, type InvoiceStatus } from "@/lib/invoices/rules";
import { CREDIT_REASONS, PAYMENT_METHODS, type CreditReason } from "@/lib/invoices/schema";

// The printed form of an invoice, credit note or receipt, for staff and for the client's
// portal alike: A4 on paper (no navigation, see the print stylesheet), one column on a phone.

interface Line { id: string; serviceDate: Date; description: string; clinicianName: string; registration: string | null; amountMinor: number }
interface Payment { id: string; kind: "PAYMENT" | "REFUND"; method: keyof typeof PAYMENT_METHODS; amountMinor: number; receivedOn: Date; receiptNumber: number | null }
export interface PrintableInvoice {
  invoice: {
    kind: "INVOICE" | "CREDIT_NOTE"; number: number; clientCode: string; issuedOn: Date; dueOn: Date; currency: string; locale: string;
    practiceName: string; practiceAddress: string; vatNote: string | null; paymentInstructions: string; totalMinor: number; creditReason: string | null;
    lines: Line[]; payments: Payment[]; credits: { number: number } | null; creditNotes: { number: number; totalMinor: number }[];
  };
  addressee: { name: string; address: string | null } | null;
  status: InvoiceStatus;
  balanceMinor: number;
  money: { creditedMinor: number; paidMinor: number };
}

export const longDay = (d: Date, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d);

function Header({ practiceName, practiceAddress, title, facts }: { practiceName: string; practiceAddress: string; title: string; facts: [string, string][] }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-6 border-b-2 border-brand-700 pb-5">
      <div>
        <p className="text-xl font-semibold text-brand-800">{practiceName}</p>
        {practiceAddress ? <p className="mt-1 whitespace-pre-line text-sm text-muted">{practiceAddress}</p> : null}
        <h1 id="document-heading" className="mt-3 text-3xl font-semibold tracking-tight">{title}</h1>
      </div>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className={k === "Reference" || k.endsWith("number") ? "font-mono" : ""}>{v}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}

function Addressee({ addressee }: { addressee: PrintableInvoice["addressee"] }) {
  return (
    <section aria-label="Addressed to" className="mt-6 min-h-20">
      {addressee ? (
        <address className="not-italic leading-relaxed">
          <span className="block font-semibold">{addressee.name}</span>
          {addressee.address ? <span className="block whitespace-pre-line">{addressee.address}</span> : null}
        </address>
      ) : (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">No name or address was recorded for this client when the document was issued.</p>
      )}
    </section>
  );
}

function Lines({ lines, money, caption }: { lines: Line[]; money: (m: number) => string; caption: string }) {
  const cell = "px-3 py-2 align-top print:px-2 print:py-1.5";
  return (
    <div className="mt-8 overflow-x-auto print:overflow-visible" tabIndex={0} role="group" aria-label={`${caption} (scrolls sideways on small screens)`}>
      <table className="w-full border-collapse text-left text-sm print:text-[10pt]">
        <caption className="mb-2 text-left text-lg font-semibold text-ink">{caption}</caption>
        <thead className="border-b border-slate-300 text-muted">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>Service</th>
            <th scope="col" className={`${cell} font-medium`}>Clinician</th>
            <th scope="col" className={`${cell} text-right font-medium`}>Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {lines.map((l) => (
            <tr key={l.id} className="break-inside-avoid">
              <td className={cell}>{l.description}</td>
              <td className={cell}>{l.clinicianName}{l.registration ? <span className="block text-xs text-muted">Registered: {l.registration}</span> : null}</td>
              <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>{money(l.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Totals({ rows }: { rows: [string, string, boolean?][] }) {
  return (
    <section aria-label="Totals" className="mt-6 flex justify-end break-inside-avoid">
      <dl className="w-full max-w-xs divide-y divide-slate-200 border-y border-slate-300 text-sm">
        {rows.map(([label, value, strong]) => (
          <div key={label} className={`flex justify-between gap-4 px-1 py-2 ${strong ? "text-base font-semibold" : ""}`}>
            <dt>{label}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function InvoiceDocument({ doc }: { doc: PrintableInvoice }) {
  const { invoice } = doc;
  const money = (m: number) => formatMoney(m, invoice);
  const credit = invoice.kind === "CREDIT_NOTE";
  const number = documentNumber(invoice.kind, invoice.number);
  const facts: [string, string][] = [
    [credit ? "Credit note number" : "Invoice number", number],
    ["Date", longDay(invoice.issuedOn, invoice.locale)],
    ...(credit ? [["Credits invoice", invoice.credits ? documentNumber("INVOICE", invoice.credits.number) : ""] as [string, string]] : [["Due", longDay(invoice.dueOn, invoice.locale)] as [string, string]]),
    ["Reference", formatClientCode(invoice.clientCode)],
  ];
  return (
    <article aria-labelledby="document-heading" className="mx-auto max-w-[210mm] rounded-lg border border-slate-200 bg-white p-5 text-[15px] shadow-sm sm:p-12 print:max-w-none print:rounded-none print:border-0 print:p-0 print:text-[11pt] print:shadow-none">
      <Header practiceName={invoice.practiceName} practiceAddress={invoice.practiceAddress} title={credit ? "Credit note" : "Invoice"} facts={facts} />
      <Addressee addressee={doc.addressee} />
      {credit && invoice.creditReason ? <p className="mt-4 text-sm">Reason: {CREDIT_REASONS[invoice.creditReason as CreditReason] ?? invoice.creditReason}</p> : null}
      <Lines lines={invoice.lines} money={money} caption="Services" />
      <Totals
        rows={
          credit
            ? [["Credited", money(-invoice.totalMinor), true]]
            : [
                ["Total", money(invoice.totalMinor)],
                ...(doc.money.creditedMinor ? [["Credited", money(-doc.money.creditedMinor)] as [string, string]] : []),
                ["Paid", money(doc.money.paidMinor)],
                [doc.balanceMinor < 0 ? "Overpaid" : "Amount due", money(Math.abs(doc.balanceMinor)), true],
              ]
        }
      />
      {!credit ? <p className="mt-3 text-right text-sm"><span className="rounded bg-slate-100 px-2 py-1 font-medium">Status: {STATUS_LABELS[doc.status]}</span></p> : null}
      <footer className="mt-10 space-y-2 border-t border-slate-200 pt-4 text-sm">
        {invoice.vatNote ? <p>{invoice.vatNote}</p> : null}
        {!credit && invoice.paymentInstructions ? (
          <div>
            <p className="font-medium">How to pay</p>
            <p className="whitespace-pre-line">{invoice.paymentInstructions}</p>
          </div>
        ) : null}
        <p className="text-muted">Please quote {number} and the reference {formatClientCode(invoice.clientCode)} with any payment. Amounts in {invoice.currency}.</p>
      </footer>
    </article>
  );
}

/** A receipt for one payment, with the services it paid for: what an insurer claim needs. */
export function ReceiptDocument({ doc, paymentId }: { doc: PrintableInvoice; paymentId: string }) {
  const { invoice } = doc;
  const payment = invoice.payments.find((p) => p.id === paymentId && p.kind === "PAYMENT" && p.receiptNumber !== null);
  if (!payment) return null;
  const money = (m: number) => formatMoney(m, invoice);
  const registrations = [...new Set(invoice.lines.map((l) => (l.registration ? `${l.clinicianName} (${l.registration})` : l.clinicianName)))];
  return (
    <article aria-labelledby="document-heading" className="mx-auto max-w-[210mm] rounded-lg border border-slate-200 bg-white p-5 text-[15px] shadow-sm sm:p-12 print:max-w-none print:rounded-none print:border-0 print:p-0 print:text-[11pt] print:shadow-none">
      <Header
        practiceName={invoice.practiceName}
        practiceAddress={invoice.practiceAddress}
        title="Receipt"
        facts={[
          ["Receipt number", documentNumber("RECEIPT", payment.receiptNumber!)],
          ["Received", longDay(payment.receivedOn, invoice.locale)],
          ["For invoice", documentNumber("INVOICE", invoice.number)],
          ["Reference", formatClientCode(invoice.clientCode)],
        ]}
      />
      <Addressee addressee={doc.addressee} />
      <p className="mt-6 text-lg">
        Received with thanks: <strong className="tabular-nums">{money(payment.amountMinor)}</strong> by {PAYMENT_METHODS[payment.method].toLowerCase()}.
      </p>
      <Lines lines={invoice.lines} money={money} caption="Services this invoice covers" />
      <Totals rows={[["Invoice total", money(invoice.totalMinor)], ["Paid to date", money(doc.money.paidMinor)], ["Still due", money(Math.max(0, doc.balanceMinor)), true]]} />
      <footer className="mt-10 space-y-2 border-t border-slate-200 pt-4 text-sm">
        <p>Provided by: {registrations.join("; ")}.</p>
        {invoice.vatNote ? <p>{invoice.vatNote}</p> : null}
        <p className="text-muted">Keep this receipt for an insurance claim: it names the services, their dates, the clinicians and their professional registration.</p>
      </footer>
    </article>
  );
}
