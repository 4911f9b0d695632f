import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/transport";
import { readIdentity } from "@/lib/vault/read-identity";
import { invoiceWaitingEmail } from "./notice";

/**
 * Tells each client with portal access and an email address in the vault that invoices are
 * waiting (one email per client, whatever the number). The address is read from the vault for
 * the send and never kept or logged; each email sent is audited by client code only.
 */
export async function notifyInvoicesWaiting(actor: Actor, invoiceIds: string[], context: AuditContext): Promise<number> {
  const practice = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { name: true } });
  const invoices = await db().invoice.findMany({ where: { id: { in: invoiceIds }, practiceId: actor.practiceId }, select: { clientId: true, clientCode: true } });
  const perClient = new Map<string, { code: string; count: number }>();
  for (const i of invoices) perClient.set(i.clientId, { code: i.clientCode, count: (perClient.get(i.clientId)?.count ?? 0) + 1 });
  const withPortal = new Set((await db().portalAccess.findMany({ where: { clientId: { in: [...perClient.keys()] }, client: { practiceId: actor.practiceId } }, select: { clientId: true } })).map((p) => p.clientId));
  const portalUrl = new URL("/portal", config().APP_URL).toString();
  let sent = 0;
  for (const [clientId, { code, count }] of perClient) {
    if (!withPortal.has(clientId)) continue;
    const email = (await readIdentity({ id: clientId, practiceId: actor.practiceId }))?.email;
    if (!email) continue;
    await sendEmail({ to: email, ...invoiceWaitingEmail(practice.name, portalUrl, count) });
    sent++;
    await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "invoice.client_notified", target: { type: "client", id: code }, outcome: "SUCCESS", context, details: { invoices: count } });
  }
  return sent;
}
