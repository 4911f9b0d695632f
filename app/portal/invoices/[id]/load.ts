import "server-only";
import { notFound, redirect } from "next/navigation";
import { currentPortalClient } from "@/lib/entry/caller";
import { requestAuditContext } from "@/lib/entry/context";
import { AppError } from "@/lib/http/errors";
import { openOwnInvoice } from "@/lib/invoices/portal";

/** The signed-in client's own invoice (any other is Next's 404). */
export async function ownInvoiceForPage(id: string) {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  if (portal.mustChangePin) redirect("/portal/pin");
  try {
    return await openOwnInvoice(portal, id, await requestAuditContext());
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
