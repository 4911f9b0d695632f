import "server-only";
import { notFound, redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { stepUpPath } from "@/lib/entry/step-up";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import { openInvoice, type DocumentPurpose, type InvoiceDocument } from "@/lib/invoices/open-invoice";

/** Opens an invoice for a page: step-up first when it is due, Next's 404 for one not ours, "refused" for a reveal not allowed. */
export async function openForPage(actor: Actor, id: string, back: string, purpose: DocumentPurpose): Promise<InvoiceDocument | "refused"> {
  try {
    return await openInvoice(actor, id, await requestAuditContext(), purpose);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) notFound();
    if (error.code === "step_up_required") redirect(stepUpPath(back));
    if (error.status === 403) return "refused";
    throw error;
  }
}
