import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { handlesInvoices } from "@/lib/invoices/access";
import { readInvoiceSettings } from "@/lib/invoices/settings";
import { invoiceSettingsAction, registrationAction } from "../actions";

export const metadata: Metadata = { title: "Invoicing settings" };
export const dynamic = "force-dynamic";

const input = "w-full rounded-md border border-slate-300 px-3 py-2";

export default async function InvoiceSettingsPage() {
  const actor = await requireActor();
  if (!handlesInvoices(actor)) return <EmptyState title="Invoicing settings are the owner's and managers'">Ask the practice owner to change them.</EmptyState>;
  const { settings, clinicians } = await readInvoiceSettings(actor);
  return (
    <>
      <PageHeader title="Invoicing settings" description="What every invoice issued from now on carries. Invoices already issued never change." actions={<Link className="text-sm underline" href="/invoices">Back to invoices</Link>} />
      <form action={invoiceSettingsAction} className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <div className="space-y-1">
          <label htmlFor="inv-address" className="block text-sm font-medium">The practice&apos;s address on invoices</label>
          <textarea id="inv-address" name="address" rows={3} maxLength={500} defaultValue={settings.address} className={input} />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">VAT</legend>
          <label className="flex items-center gap-2"><input type="checkbox" name="vatExempt" defaultChecked={settings.vatExempt} /> Print the VAT exemption for health services on invoices</label>
          <label htmlFor="inv-vat" className="block text-sm text-muted">Wording</label>
          <textarea id="inv-vat" name="vatExemptText" rows={2} maxLength={400} defaultValue={settings.vatExemptText} className={input} />
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="inv-pay" className="block text-sm font-medium">Payment instructions</label>
          <p id="inv-pay-hint" className="text-sm text-muted">For example your bank details, or that card payments are taken at the practice.</p>
          <textarea id="inv-pay" name="paymentInstructions" aria-describedby="inv-pay-hint" rows={3} maxLength={1000} defaultValue={settings.paymentInstructions} className={input} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="inv-terms" className="block text-sm font-medium">Payment due after (days)</label>
            <input id="inv-terms" name="paymentTermsDays" type="number" min={0} max={365} defaultValue={settings.paymentTermsDays} className={input} />
          </div>
          <div className="space-y-1">
            <label htmlFor="inv-keep" className="block text-sm font-medium">Keep invoices for (years)</label>
            <input id="inv-keep" name="retentionYears" type="number" min={6} max={100} defaultValue={settings.retentionYears} aria-describedby="inv-keep-hint" className={input} />
            <p id="inv-keep-hint" className="text-sm text-muted">At least 6 (UK tax records). A client who asks to be erased keeps their invoices for this long; the retention job destroys them after.</p>
          </div>
        </div>
        <Button type="submit">Save settings</Button>
      </form>

      <section aria-labelledby="reg-heading" className="mt-8 max-w-2xl">
        <h2 id="reg-heading" className="text-lg font-semibold">Professional registrations</h2>
        <p className="mb-3 text-sm text-muted">Printed beside each clinician&apos;s sessions on invoices and receipts (insurers ask for them).</p>
        <ul className="space-y-3">
          {clinicians.map((c) => (
            <li key={c.membershipId} className="rounded-lg border border-slate-200 bg-white p-4">
              <form action={registrationAction} className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="membershipId" value={c.membershipId} />
                <p className="w-full font-medium sm:w-48">{c.name}</p>
                <div className="space-y-1">
                  <label htmlFor={`body-${c.membershipId}`} className="block text-sm">Body (e.g. BACP, UKCP, HCPC)</label>
                  <input id={`body-${c.membershipId}`} name="body" maxLength={40} defaultValue={c.body} className="rounded-md border border-slate-300 px-3 py-2" />
                </div>
                <div className="space-y-1">
                  <label htmlFor={`num-${c.membershipId}`} className="block text-sm">Number</label>
                  <input id={`num-${c.membershipId}`} name="number" maxLength={40} defaultValue={c.number} className="rounded-md border border-slate-300 px-3 py-2" />
                </div>
                <Button type="submit" variant="secondary" aria-label={`Save registration of ${c.name}`}>Save</Button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
