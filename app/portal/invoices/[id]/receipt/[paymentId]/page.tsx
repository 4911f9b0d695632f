import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReceiptDocument } from "@/components/invoices/invoice-document";
import { PrintButton } from "@/components/invoices/print-button";
import { ownInvoiceForPage } from "../../load";

export const metadata: Metadata = { title: "Receipt" };
export const dynamic = "force-dynamic";

export default async function PortalReceiptPage({ params }: { params: Promise<{ id: string; paymentId: string }> }) {
  const { id, paymentId } = await params;
  const doc = await ownInvoiceForPage(id);
  if (!doc.invoice.payments.some((p) => p.id === paymentId && p.receiptNumber !== null)) notFound();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm"><Link href="/portal/invoices" className="underline">Your invoices</Link> / <Link href={`/portal/invoices/${id}` as Route} className="underline">{doc.number}</Link> / receipt</p>
        <PrintButton />
      </div>
      <ReceiptDocument doc={doc} paymentId={paymentId} />
    </div>
  );
}
