import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/http/errors";

// Who handles invoices: the practice's owner and managers issue, credit, record payments and see
// the money views. Therapists see none of it here (their own takings are in Schedule → Billing).

export const handlesInvoices = (actor: Pick<Actor, "role">) => actor.role === "OWNER" || actor.role === "MANAGER";

export function requireInvoiceRole(actor: Actor) {
  if (!handlesInvoices(actor)) throw forbidden();
}
