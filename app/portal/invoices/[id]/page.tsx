import type { Metadata } from "next";
import Link from "next/link";
import { InvoiceDocument } from "@/components/invoices/invoice-document";
import { PrintButton } from "@/components/invoices/print-button";
import { ownInvoiceForPage } from "./load";

export const metadata: Metadata = { title: "Invoice" };
export const dynamic = "force-dynamic";

export default async function PortalInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const doc = await ownInvoiceForPage((await params).id);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm"><Link href="/portal/invoices" className="underline">Your invoices</Link> / {doc.number}</p>
        <PrintButton label="Print or save as PDF" />
      </div>
      <InvoiceDocument doc={doc} />
    </div>
  );
}
