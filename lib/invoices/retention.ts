import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { destroyAddressees } from "@/lib/vault/invoice-addressee";

// Invoices, credit notes and payments are kept for the practice's invoice retention period
// (InvoiceSettings.retentionYears, 6 years by default: HMRC's record-keeping rules and the
// Limitation Act 1980), counted from each document's issue day and fixed on it (retainUntil).
// Within it, erasing the client keeps them (UK GDPR Art. 17(3)(b): a legal obligation). After
// it, they go: when the client is erased (lib/clients/erase.ts) or, for an erased client's
// kept documents, by the retention job (npm run retention:run). An invoice goes together with
// its credit notes, once all of them are past their day. The database lets nothing else delete
// them (see the invoice_immutable trigger): this is the only path, and it sets the flag the
// trigger asks for.


/** Ids of invoice families (invoice + its credit notes) past retention, for one client or for erased clients. */
async function expiredFamilies(tx: Prisma.TransactionClient, practiceId: string, clientId: string | null, today: Date) {
  const rows = clientId
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT i.id FROM "invoice" i WHERE i."practiceId" = ${practiceId}::uuid AND i.kind = 'INVOICE' AND i."clientId" = ${clientId}::uuid
          AND i."retainUntil" < ${today}::date AND NOT EXISTS (SELECT 1 FROM "invoice" c WHERE c."creditsInvoiceId" = i.id AND c."retainUntil" >= ${today}::date)`
    : await tx.$queryRaw<{ id: string }[]>`
        SELECT i.id FROM "invoice" i WHERE i."practiceId" = ${practiceId}::uuid AND i.kind = 'INVOICE'
          AND NOT EXISTS (SELECT 1 FROM "client" k WHERE k.id = i."clientId")
          AND i."retainUntil" < ${today}::date AND NOT EXISTS (SELECT 1 FROM "invoice" c WHERE c."creditsInvoiceId" = i.id AND c."retainUntil" >= ${today}::date)`;
  return rows.map((r) => r.id);
}

/**
 * Destroys the invoice documents past retention: of one client (on erasure) or of every erased
 * client of the practice (the job). Returns how many documents (invoices and credit notes) went.
 */
export async function destroyExpiredInvoices(practiceId: string, opts: { clientId?: string; now?: Date } = {}): Promise<number> {
  const today = new Date(`${(opts.now ?? new Date()).toISOString().slice(0, 10)}T00:00:00Z`);
  const destroyed = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('confide.invoice_retention', 'on', true)`;
    const families = await expiredFamilies(tx, practiceId, opts.clientId ?? null, today);
    if (families.length === 0) return [] as string[];
    const credits = (await tx.invoice.findMany({ where: { practiceId, creditsInvoiceId: { in: families } }, select: { id: true } })).map((c) => c.id);
    const all = [...credits, ...families];
    await tx.invoicePayment.deleteMany({ where: { practiceId, invoiceId: { in: all } } });
    await tx.invoiceLine.deleteMany({ where: { practiceId, invoiceId: { in: all } } });
    await tx.invoice.deleteMany({ where: { practiceId, id: { in: credits } } });
    await tx.invoice.deleteMany({ where: { practiceId, id: { in: families } } });
    return all;
  });
  // The addressees (and the last copy of their key) go after the documents that named them.
  await destroyAddressees(practiceId, destroyed);
  return destroyed.length;
}

/** What an erasure of this client must keep: documents within retention, and until when. */
export async function invoicesKeptOnErasure(client: Prisma.TransactionClient | ReturnType<typeof db>, practiceId: string, clientId: string, now = new Date()) {
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const kept = await client.invoice.aggregate({ where: { practiceId, clientId, retainUntil: { gte: today } }, _count: { _all: true }, _max: { retainUntil: true } });
  return { documents: kept._count._all, until: kept._max.retainUntil?.toISOString().slice(0, 10) ?? null };
}
