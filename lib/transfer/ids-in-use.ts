import "server-only";
import { db } from "@/lib/db/client";
import { countIdentities } from "@/lib/vault/count-identities";
import { countRequestContacts } from "@/lib/vault/request-contact";
import type { EntityRows } from "./archive";
import { chunks } from "./bulk";

// A restore keeps the archive's ids, and ids are unique across an instance. An id already used
// here belongs to another practice (or to an earlier restore): the archive is refused before
// anything is written, so no insert can collide with that row and no clean-up can reach it.

type Count = (ids: string[]) => Promise<number>;

async function inUse(ids: string[], count: Count): Promise<number> {
  let n = 0;
  for (const part of chunks([...new Set(ids)], 5000)) n += await count(part);
  return n;
}

/** One sentence per kind of id of the archive that is already used on this instance. */
export async function idsInUseProblems(practiceId: string, rows: EntityRows): Promise<string[]> {
  const prisma = db();
  const checks: [string, string[], Count][] = [
    ["client", rows.clients.map((c) => c.id), async (ids) => (await prisma.client.count({ where: { id: { in: ids } } })) + (await countIdentities(ids))],
    ["note", rows.notes.map((n) => n.id), (ids) => prisma.note.count({ where: { id: { in: ids } } })],
    ["note version", rows.note_versions.map((v) => v.id), (ids) => prisma.noteVersion.count({ where: { id: { in: ids } } })],
    ["addendum", rows.note_addenda.map((a) => a.id), (ids) => prisma.noteAddendum.count({ where: { id: { in: ids } } })],
    ["note template", rows.note_templates.map((t) => t.id), (ids) => prisma.practiceNoteTemplate.count({ where: { id: { in: ids } } })],
    // This practice's own (unused) types are replaced by the archive's, so only others' count.
    ["appointment type", rows.appointment_types.map((t) => t.id), (ids) => prisma.practiceAppointmentType.count({ where: { id: { in: ids }, practiceId: { not: practiceId } } })],
    ["appointment", rows.appointments.map((a) => a.id), (ids) => prisma.appointment.count({ where: { id: { in: ids } } })],
    ["appointment series", rows.appointments.flatMap((a) => (a.seriesId ? [a.seriesId] : [])), async (ids) => (await prisma.appointment.groupBy({ by: ["seriesId"], where: { seriesId: { in: ids } } })).length],
    ["reflection", rows.reflections.map((r) => r.id), (ids) => prisma.reflection.count({ where: { id: { in: ids } } })],
    ["measure assignment", rows.measure_assignments.map((a) => a.id), (ids) => prisma.measureAssignment.count({ where: { id: { in: ids } } })],
    ["measure response", rows.measure_responses.map((r) => r.id), (ids) => prisma.measureResponse.count({ where: { id: { in: ids } } })],
    ["form", rows.forms.map((f) => f.id), (ids) => prisma.practiceForm.count({ where: { id: { in: ids } } })],
    ["form version", rows.form_versions.map((v) => v.id), (ids) => prisma.practiceFormVersion.count({ where: { id: { in: ids } } })],
    ["sent form", rows.client_forms.map((s) => s.id), (ids) => prisma.clientForm.count({ where: { id: { in: ids } } })],
    ["form consent", rows.form_consents.map((c) => c.id), (ids) => prisma.formConsent.count({ where: { id: { in: ids } } })],
    ["invoice", rows.invoices.map((i) => i.id), (ids) => prisma.invoice.count({ where: { id: { in: ids } } })],
    ["invoice line", rows.invoice_lines.map((l) => l.id), (ids) => prisma.invoiceLine.count({ where: { id: { in: ids } } })],
    ["payment", rows.invoice_payments.map((p) => p.id), (ids) => prisma.invoicePayment.count({ where: { id: { in: ids } } })],
    ["request", [...rows.data_requests.map((r) => r.id), ...rows.request_contacts.map((c) => c.requestId)], async (ids) => (await prisma.dataRequest.count({ where: { id: { in: ids } } })) + (await countRequestContacts(ids))],
  ];
  const problems: string[] = [];
  for (const [what, ids, count] of checks) {
    const n = await inUse(ids, count);
    if (n > 0) problems.push(`${n} ${what} id${n === 1 ? " is" : "s are"} already used on this Confide instance by another practice's records, so this archive cannot be restored here. Nothing was written. Restore it on another instance, or ask the operator.`);
  }
  return problems;
}
