import type { Metadata, Route } from "next";
import Link from "next/link";
import { InvoiceDocument, longDay } from "@/components/invoices/invoice-document";
import { PrintButton } from "@/components/invoices/print-button";
import { Button } from "@/components/ui/button";
import { requireActor } from "@/lib/entry/caller";
import { documentNumber } from "@/lib/invoices/rules";
import { CREDIT_REASONS, PAYMENT_METHODS } from "@/lib/invoices/schema";
import { formatMoney } from "@/lib/practice/locale";
import { creditNoteAction, paymentAction } from "../actions";
import { openForPage } from "./open";

// An invoice or credit note, opened afresh on each request (an audited billing reveal, never
// cached), with its payments, receipts and the forms to record a payment or issue a credit note.

export const metadata: Metadata = { title: "Invoice" };
export const dynamic = "force-dynamic";

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const doc = await openForPage(actor, id, `/invoices/${id}`, "invoice");
  if (doc === "refused") return <Refused />;
  const { invoice } = doc;
  const money = (m: number) => formatMoney(m, invoice);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <div className="mb-6 space-y-4 print:hidden">
        <p className="text-sm text-muted"><Link href="/invoices" className="underline">Invoices</Link> / {doc.number}</p>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-muted">Opening this document is recorded as a billing reveal. It never changes: corrections are credit notes.</p>
          <PrintButton />
        </div>
      </div>
      <InvoiceDocument doc={doc} />

      <div className="mt-8 grid gap-6 lg:grid-cols-2 print:hidden">
        <section aria-labelledby="payments-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="payments-heading" className="text-lg font-semibold">Payments</h2>
          {invoice.payments.length === 0 ? <p className="text-sm text-muted">No payments recorded yet.</p> : (
            <ul className="mt-2 divide-y divide-slate-200 text-sm">
              {invoice.payments.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-3 py-2">
                  <span className="tabular-nums">{longDay(p.receivedOn, invoice.locale)}</span>
                  <span>{p.kind === "REFUND" ? "Refund" : PAYMENT_METHODS[p.method]}</span>
                  <span className="tabular-nums">{money(p.kind === "REFUND" ? -p.amountMinor : p.amountMinor)}</span>
                  {p.receiptNumber ? <Link className="ml-auto text-brand-700 underline" href={`/invoices/${invoice.id}/receipt/${p.id}` as Route}>Receipt {documentNumber("RECEIPT", p.receiptNumber)}</Link> : null}
                </li>
              ))}
            </ul>
          )}
          {invoice.kind === "INVOICE" ? (
            <form action={paymentAction} className="mt-4 grid gap-3 sm:grid-cols-2">
              <input type="hidden" name="id" value={invoice.id} />
              <div className="space-y-1">
                <label htmlFor="pay-kind" className="block text-sm font-medium">Record</label>
                <select id="pay-kind" name="kind" className="w-full rounded-md border border-slate-300 px-3 py-2"><option value="PAYMENT">A payment</option><option value="REFUND">A refund</option></select>
              </div>
              <div className="space-y-1">
                <label htmlFor="pay-method" className="block text-sm font-medium">How</label>
                <select id="pay-method" name="method" className="w-full rounded-md border border-slate-300 px-3 py-2">
                  {Object.entries(PAYMENT_METHODS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </select>
              </div>
              <div className="space-y-1">
                <label htmlFor="pay-amount" className="block text-sm font-medium">Amount ({invoice.currency})</label>
                <input id="pay-amount" name="amount" inputMode="decimal" required placeholder={(Math.max(0, doc.balanceMinor) / 100).toFixed(2)} className="w-full rounded-md border border-slate-300 px-3 py-2" />
              </div>
              <div className="space-y-1">
                <label htmlFor="pay-day" className="block text-sm font-medium">Received on</label>
                <input id="pay-day" name="receivedOn" type="date" required defaultValue={today} className="w-full rounded-md border border-slate-300 px-3 py-2" />
              </div>
              <div className="sm:col-span-2"><Button type="submit">Record</Button></div>
            </form>
          ) : null}
        </section>

        {invoice.kind === "INVOICE" ? (
          <section aria-labelledby="credit-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="credit-heading" className="text-lg font-semibold">Correct this invoice</h2>
            {invoice.creditNotes.length > 0 ? (
              <ul className="mt-2 text-sm">
                {invoice.creditNotes.map((c) => <li key={c.number}><Link className="text-brand-700 underline" href={`/invoices/${c.id}` as Route}>Credit note {documentNumber("CREDIT_NOTE", c.number)}</Link> for {money(-c.totalMinor)}</li>)}
              </ul>
            ) : null}
            {doc.status !== "CREDITED" ? (
              <form action={creditNoteAction} className="mt-3 space-y-3">
                <p className="text-sm text-muted">An issued invoice never changes. A credit note cancels what it still charges; its sessions can then be invoiced again. Refund any payment separately.</p>
                <input type="hidden" name="id" value={invoice.id} />
                <input type="hidden" name="currency" value={invoice.currency} />
                <input type="hidden" name="locale" value={invoice.locale} />
                <div className="space-y-1">
                  <label htmlFor="credit-reason" className="block text-sm font-medium">Why</label>
                  <select id="credit-reason" name="reason" className="w-full rounded-md border border-slate-300 px-3 py-2">
                    {Object.entries(CREDIT_REASONS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                  </select>
                </div>
                <Button type="submit" variant="secondary">Issue a credit note</Button>
              </form>
            ) : <p className="mt-2 text-sm text-muted">This invoice has been credited in full.</p>}
          </section>
        ) : null}
      </div>
    </>
  );
}

function Refused() {
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm text-muted"><Link href="/invoices" className="underline">Invoices</Link></p>
      <h1 className="text-2xl font-semibold tracking-tight">You cannot open this invoice</h1>
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-900">
        An invoice shows who the client is. As with statements, only clinicians assigned to the client can open it (and practice managers, for the name only, where the owner allows them to see contact details). This attempt has been recorded.
      </p>
    </div>
  );
}
