import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReceiptDocument } from "@/components/invoices/invoice-document";
import { PrintButton } from "@/components/invoices/print-button";
import { requireActor } from "@/lib/entry/caller";
import { openForPage } from "../../open";

export const metadata: Metadata = { title: "Receipt" };
export const dynamic = "force-dynamic";

export default async function ReceiptPage({ params }: { params: Promise<{ id: string; paymentId: string }> }) {
  const actor = await requireActor();
  const { id, paymentId } = await params;
  const doc = await openForPage(actor, id, `/invoices/${id}/receipt/${paymentId}`, "receipt");
  if (doc === "refused") notFound();
  if (!doc.invoice.payments.some((p) => p.id === paymentId && p.receiptNumber !== null)) notFound();
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm text-muted"><Link href="/invoices" className="underline">Invoices</Link> / <Link href={`/invoices/${id}` as Route} className="underline">{doc.number}</Link> / receipt</p>
        <PrintButton />
      </div>
      <ReceiptDocument doc={doc} paymentId={paymentId} />
    </>
  );
}
