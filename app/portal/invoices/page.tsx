import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentPortalClient } from "@/lib/entry/caller";
import { requestAuditContext } from "@/lib/entry/context";
import { listOwnInvoices, ownInvoicesKeptUntil } from "@/lib/invoices/portal";
import { documentNumber, STATUS_LABELS } from "@/lib/invoices/rules";
import { groundText } from "@/lib/requests/grounds";
import { formatMoney } from "@/lib/practice/locale";

export const metadata: Metadata = { title: "Your invoices" };
export const dynamic = "force-dynamic";

export default async function PortalInvoicesPage() {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  if (portal.mustChangePin) redirect("/portal/pin");
  const [invoices, keptUntil] = await Promise.all([listOwnInvoices(portal, await requestAuditContext()), ownInvoicesKeptUntil(portal)]);
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link href="/portal/home" className="underline">Your portal</Link> / invoices</p>
      <h1 className="text-2xl font-semibold tracking-tight">Your invoices and receipts</h1>
      {invoices.length === 0 ? (
        <p className="text-muted">You have no invoices from the practice.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {invoices.map((i) => (
            <li key={i.id} className="space-y-1 p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/portal/invoices/${i.id}` as Route} className="font-mono font-medium text-brand-700 underline">{i.kind === "CREDIT_NOTE" ? "Credit note " : "Invoice "}{i.label}</Link>
                <span className="tabular-nums">{formatMoney(i.kind === "CREDIT_NOTE" ? -i.totalMinor : i.totalMinor, i)}</span>
              </div>
              <p className="text-sm text-muted">
                Issued {i.issuedOn.toISOString().slice(0, 10)}{i.kind === "INVOICE" ? ` · ${STATUS_LABELS[i.status]}${i.balanceMinor > 0 ? `, ${formatMoney(i.balanceMinor, i)} due by ${i.dueOn.toISOString().slice(0, 10)}` : ""}` : ""}
              </p>
              {i.payments.filter((p) => p.receiptNumber !== null).map((p) => (
                <p key={p.id} className="text-sm"><Link className="text-brand-700 underline" href={`/portal/invoices/${i.id}/receipt/${p.id}` as Route}>Receipt {documentNumber("RECEIPT", p.receiptNumber!)}</Link> for {formatMoney(p.amountMinor, i)}</p>
              ))}
            </li>
          ))}
        </ul>
      )}
      {keptUntil ? (
        <section aria-labelledby="kept-heading" className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
          <h2 id="kept-heading" className="font-semibold">If you ask us to erase your data</h2>
          <p className="mt-1">We would delete everything else, but we must keep these invoices, credit notes and receipts until {keptUntil} at the latest (each for its legal period from the day it was issued). {groundText("ERASURE", "legal_obligation")} They hold your client code, dates, services and amounts, and the name and address they were sent to. We delete them after that.</p>
        </section>
      ) : null}
    </div>
  );
}
