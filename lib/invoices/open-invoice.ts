import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { findClientFor } from "@/lib/clients/access";
import { requireRevealScope, type RevealScope } from "@/lib/clients/reveal";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/http/errors";
import { readAddressee, type Addressee } from "@/lib/vault/invoice-addressee";
import { z } from "zod";
import { moneyOf } from "./money";
import { balanceOf, documentNumber, statusOf, type InvoiceMoney, type InvoiceStatus } from "./rules";

// Opening (or printing) an invoice, credit note or receipt shows its addressee: a reveal for
// billing under the statements' rules (lib/schedule/statement.ts): assigned clinicians in full,
// practice managers the name only where the owner allows contact reveal, after step-up, recorded
// as identity.revealed (reason billing) and invoice.opened. For a client erased while the
// invoice is kept by law, only the owner may open it. Nothing of it is stored or cached.

export type DocumentPurpose = "invoice" | "receipt";

export async function loadInvoiceDocument(practiceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const invoice = await db().invoice.findFirst({
    where: { id, practiceId },
    include: {
      lines: { orderBy: { position: "asc" } },
      payments: { orderBy: [{ receivedOn: "asc" }, { createdAt: "asc" }] },
      creditNotes: { select: { id: true, number: true, totalMinor: true, issuedOn: true, creditReason: true } },
      credits: { select: { id: true, number: true } },
    },
  });
  if (!invoice) return null;
  const money = (await moneyOf(practiceId, [invoice])).get(invoice.id)!;
  return { invoice, money, balanceMinor: balanceOf(money), status: (invoice.kind === "INVOICE" ? statusOf(money) : "CREDITED") as InvoiceStatus, number: documentNumber(invoice.kind, invoice.number) };
}
export type InvoiceDocument = NonNullable<Awaited<ReturnType<typeof loadInvoiceDocument>>> & { addressee: Addressee | null; scope: RevealScope; money: InvoiceMoney };

/** Who may see this invoice's addressee, as the statements decide; an erased client's: the owner. */
async function revealScopeForInvoice(actor: Actor, clientId: string, clientCode: string, context: AuditContext): Promise<RevealScope> {
  const client = await db().client.findFirst({ where: { id: clientId, practiceId: actor.practiceId }, select: { id: true } });
  if (!client) {
    if (actor.role !== "OWNER") throw forbidden();
    return "full";
  }
  const access = await findClientFor(actor, clientCode, context);
  return requireRevealScope(actor, access, context, "statement");
}

export async function openInvoice(actor: Actor, id: string, context: AuditContext, purpose: DocumentPurpose = "invoice"): Promise<InvoiceDocument> {
  const doc = await loadInvoiceDocument(actor.practiceId, id);
  if (!doc) throw notFound("That invoice");
  if (actor.role === "THERAPIST") throw notFound("That invoice");
  const scope = await revealScopeForInvoice(actor, doc.invoice.clientId, doc.invoice.clientCode, context);
  assertSteppedUp(actor);
  const sealed = await readAddressee(actor.practiceId, doc.invoice.id);
  const addressee = sealed ? { name: sealed.name, address: scope === "full" ? sealed.address : null } : null;
  const target = { type: "client", id: doc.invoice.clientCode };
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "identity.revealed", target, outcome: "SUCCESS", context, details: { reason: "billing", scope, recorded: sealed !== null, purpose } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "invoice.opened", target, outcome: "SUCCESS", context, details: { kind: doc.invoice.kind, number: doc.invoice.number, purpose } });
  });
  return { ...doc, addressee, scope };
}
