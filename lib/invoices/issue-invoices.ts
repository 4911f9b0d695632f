import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { localDaysRange, monthBounds, toLocal } from "@/lib/schedule/time";
import { destroyAddressees, sealAddressees } from "@/lib/vault/invoice-addressee";
import { requireInvoiceRole } from "./access";
import { notifyInvoicesWaiting } from "./notify";
import { takeNumbers } from "./numbering";
import { addDaysTo, retainUntil, serviceDescription } from "./rules";
import { issueRunSchema } from "./schema";
import { invoiceSettingsOf } from "./settings";

// Issuing: one run for the whole practice and a month, from the appointments attended or
// cancelled late (with a fee, not waived, not on a live invoice already), either one invoice per
// client for the month or one per session. The addressees are sealed in the vault first (under
// fresh invoice ids); then one transaction takes the practice's invoice numbers (the counter
// row's lock serialises concurrent runs), checks again that no appointment was invoiced
// meanwhile and inserts the invoices; addressees of invoices that were not issued are deleted.

export const INVOICED_STATUSES = ["ATTENDED", "CANCELLED_LATE"] as const;

interface Candidate {
  id: string;
  clientId: string;
  clientCode: string;
  clinicianId: string;
  clinicianName: string;
  typeName: string;
  startsAt: Date;
  feePence: number;
}

interface Planned {
  id: string;
  clientId: string;
  clientCode: string;
  appointments: Candidate[];
}

/** Appointment ids on an invoice that has not been credited. */
async function alreadyInvoiced(client: Prisma.TransactionClient | ReturnType<typeof db>, practiceId: string, ids: string[]) {
  const lines = await client.invoiceLine.findMany({ where: { practiceId, appointmentId: { in: ids }, invoice: { kind: "INVOICE", creditNotes: { none: {} } } }, select: { appointmentId: true } });
  return new Set(lines.map((l) => l.appointmentId!));
}

async function candidates(client: Prisma.TransactionClient | ReturnType<typeof db>, practiceId: string, start: Date, end: Date): Promise<Candidate[]> {
  const rows = await client.appointment.findMany({
    where: { practiceId, startsAt: { gte: start, lt: end }, status: { in: [...INVOICED_STATUSES] }, paymentState: { not: "WAIVED" }, feePence: { gt: 0 } },
    select: { id: true, clientId: true, clinicianId: true, startsAt: true, feePence: true, client: { select: { code: true } }, practiceType: { select: { name: true } }, clinician: { select: { user: { select: { displayName: true } } } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const taken = await alreadyInvoiced(client, practiceId, rows.map((r) => r.id));
  return rows
    .filter((r) => !taken.has(r.id))
    .map((r) => ({ id: r.id, clientId: r.clientId, clientCode: r.client.code, clinicianId: r.clinicianId, clinicianName: r.clinician.user.displayName, typeName: r.practiceType.name, startsAt: r.startsAt, feePence: r.feePence }));
}

function plan(rows: Candidate[], grouping: "client" | "session"): Planned[] {
  const groups = new Map<string, Candidate[]>();
  for (const r of rows) {
    const key = grouping === "client" ? r.clientId : r.id;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .map((appointments) => ({ id: randomUUID(), clientId: appointments[0]!.clientId, clientCode: appointments[0]!.clientCode, appointments }))
    .sort((a, b) => a.clientCode.localeCompare(b.clientCode) || a.appointments[0]!.startsAt.getTime() - b.appointments[0]!.startsAt.getTime());
}

export interface IssueResult {
  issued: number;
  totalMinor: number;
  firstNumber: number | null;
  lastNumber: number | null;
  skipped: number;
  notified: number;
}

export async function issueInvoices(actor: Actor, input: unknown, context: AuditContext, now = new Date()): Promise<IssueResult> {
  requireInvoiceRole(actor);
  const { month, grouping, notify } = issueRunSchema.parse(input);
  const practiceId = actor.practiceId;
  const practice = await db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { name: true, timeZone: true, currency: true, locale: true } });
  const { first, next } = monthBounds(month);
  const start = localDaysRange(first, 0, practice.timeZone).start;
  const end = localDaysRange(next, 0, practice.timeZone).start;

  const planned = plan(await candidates(db(), practiceId, start, end), grouping);
  await sealAddressees(practiceId, planned.map((p) => ({ invoiceId: p.id, clientId: p.clientId })));

  let issued: Planned[] = [];
  let firstNumber: number | null = null;
  try {
    const result = await db().$transaction(
      async (tx) => {
        const settings = await invoiceSettingsOf(tx, practiceId);
        // Lock the series first: whatever another run issued before us is visible after this.
        await tx.$executeRaw`INSERT INTO "document_counter" ("practiceId", "series", "next") VALUES (${practiceId}::uuid, 'INVOICE'::"DocumentSeries", 1) ON CONFLICT DO NOTHING`;
        await tx.$queryRaw`SELECT "next" FROM "document_counter" WHERE "practiceId" = ${practiceId}::uuid AND "series" = 'INVOICE'::"DocumentSeries" FOR UPDATE`;
        const stillOpen = new Set((await candidates(tx, practiceId, start, end)).map((c) => c.id));
        const ready = planned.filter((p) => p.appointments.every((a) => stillOpen.has(a.id)));
        if (ready.length === 0) return { ready, firstNumber: null };
        const firstNo = await takeNumbers(tx, practiceId, "INVOICE", ready.length);
        const issuedOn = toLocal(now, practice.timeZone).date;
        const registrations = new Map((await tx.clinicianRegistration.findMany({ where: { practiceId } })).map((r) => [r.membershipId, `${r.body} ${r.number}`]));
        const header = {
          practiceId,
          kind: "INVOICE" as const,
          issuedAt: now,
          issuedOn: new Date(`${issuedOn}T00:00:00Z`),
          dueOn: new Date(`${addDaysTo(issuedOn, settings.paymentTermsDays)}T00:00:00Z`),
          currency: practice.currency,
          locale: practice.locale,
          practiceName: practice.name,
          practiceAddress: settings.address,
          vatNote: settings.vatExempt ? settings.vatExemptText : null,
          paymentInstructions: settings.paymentInstructions,
          issuedById: actor.membershipId,
          retainUntil: new Date(`${retainUntil(issuedOn, settings.retentionYears)}T00:00:00Z`),
        };
        await tx.invoice.createMany({
          data: ready.map((p, i) => ({ ...header, id: p.id, number: firstNo + i, clientId: p.clientId, clientCode: p.clientCode, totalMinor: p.appointments.reduce((s, a) => s + a.feePence, 0) })),
        });
        await tx.invoiceLine.createMany({
          data: ready.flatMap((p) =>
            p.appointments.map((a, position) => {
              const day = toLocal(a.startsAt, practice.timeZone).date;
              return { practiceId, invoiceId: p.id, position, appointmentId: a.id, serviceDate: new Date(`${day}T00:00:00Z`), description: serviceDescription(a.typeName, day, practice.locale), clinicianId: a.clinicianId, clinicianName: a.clinicianName, registration: registrations.get(a.clinicianId) ?? null, amountMinor: a.feePence };
            }),
          ),
        });
        const total = ready.reduce((s, p) => s + p.appointments.reduce((t, a) => t + a.feePence, 0), 0);
        await recordAudit(tx, {
          practiceId,
          actor: memberActor(actor),
          action: "invoice.issued",
          target: { type: "practice", id: practiceId },
          outcome: "SUCCESS",
          context,
          details: { month, grouping, invoices: ready.length, totalMinor: total, firstNumber: firstNo, lastNumber: firstNo + ready.length - 1 },
        });
        return { ready, firstNumber: firstNo };
      },
      { timeout: 120_000, maxWait: 120_000 },
    );
    issued = result.ready;
    firstNumber = result.firstNumber;
  } finally {
    const kept = new Set(issued.map((p) => p.id));
    await destroyAddressees(practiceId, planned.filter((p) => !kept.has(p.id)).map((p) => p.id));
  }
  const notified = notify && issued.length > 0 ? await notifyInvoicesWaiting(actor, issued.map((p) => p.id), context) : 0;
  return {
    issued: issued.length,
    totalMinor: issued.reduce((s, p) => s + p.appointments.reduce((t, a) => t + a.feePence, 0), 0),
    firstNumber,
    lastNumber: firstNumber === null ? null : firstNumber + issued.length - 1,
    skipped: planned.length - issued.length,
    notified,
  };
}
