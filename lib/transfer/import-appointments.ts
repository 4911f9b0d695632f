import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { isClinician } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forbidden } from "@/lib/http/errors";
import { practiceTimeZone } from "@/lib/schedule/access";
import { describeSlot, doubleBookedFallback, isExclusionViolation, lockPracticeSchedule } from "@/lib/schedule/conflicts";
import { importedRoom } from "@/lib/schedule/rooms";
import { LIVE_STATUSES } from "@/lib/schedule/schema";
import { listAppointmentTypes, typeNameKey } from "@/lib/schedule/types";
import { findClashes, type FileSlot } from "./appointment-clashes";
import { parseAppointmentCsv, type ParsedAppointmentRow, type RowError } from "./appointment-csv";
import { chunks, insertAppointments } from "./bulk";

// CSV import of appointments: check the whole file against the practice (codes, caseloads,
// clinicians, types, double-booking against what is booked and within the file), then write it
// all or nothing. The commit re-checks under the practice's schedule lock, so what it inserts
// cannot clash with a booking made meanwhile, and the database's exclusion constraints agree.

export type AppointmentImportResult = { ok: true; imported: number; rows: number; /** The first appointment's local date. */ from: string | null } | { ok: false; rows: number; errors: RowError[] };

export interface AppointmentImportPreview {
  rows: number;
  valid: number;
  clients: number;
  clinicians: number;
  /** Local dates of the first and last appointment, when there are any. */
  from: string | null;
  to: string | null;
  errors: RowError[];
}

interface Ready {
  row: ParsedAppointmentRow;
  data: Prisma.AppointmentCreateManyInput;
}

const LIVE = new Set<string>(LIVE_STATUSES);

async function resolve(actor: Actor, text: string, tx: Prisma.TransactionClient | ReturnType<typeof db>) {
  if (!isClinician(actor)) throw forbidden();
  const timeZone = await practiceTimeZone(actor.practiceId);
  const parsed = parseAppointmentCsv(text, timeZone);
  const errors = [...parsed.errors];
  const fail = (row: number, column: RowError["column"], message: string) => errors.push({ row, column, message });

  const [clinicians, types, rooms] = await Promise.all([
    tx.membership.findMany({
      where: { practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
      select: { id: true, user: { select: { email: true, displayName: true } } },
    }),
    listAppointmentTypes(actor.practiceId, { includeArchived: true }, tx),
    tx.practiceRoom.findMany({ where: { practiceId: actor.practiceId }, select: { name: true, archivedAt: true } }),
  ]);
  const clinicianByEmail = new Map(clinicians.map((m) => [m.user.email.toLowerCase(), m.id]));
  const clinicianName = new Map(clinicians.map((m) => [m.id, m.user.displayName]));
  const typeByKey = new Map(types.map((t) => [typeNameKey(t.name), t]));
  const bookable = types.filter((t) => !t.archivedAt).map((t) => t.name).join(", ");

  const codes = [...new Set(parsed.rows.map((r) => r.clientCode))];
  const clientRows = [];
  for (const part of chunks(codes, 5000)) {
    clientRows.push(
      ...(await tx.client.findMany({ where: { practiceId: actor.practiceId, code: { in: part } }, select: { id: true, code: true, assignments: { select: { membershipId: true } } } })),
    );
  }
  const clientByCode = new Map(clientRows.map((c) => [c.code, { id: c.id, assigned: new Set(c.assignments.map((a) => a.membershipId)) }]));

  const ready: Ready[] = [];
  const now = new Date();
  for (const row of parsed.rows) {
    const before = errors.length;
    const clinicianId = row.clinicianEmail ? clinicianByEmail.get(row.clinicianEmail) : actor.membershipId;
    if (actor.role === "THERAPIST" && clinicianId !== actor.membershipId) {
      fail(row.row, "clinician_email", "You can import only your own appointments: leave clinician_email empty or use your own email.");
    } else if (!clinicianId) {
      fail(row.row, "clinician_email", "No clinician (owner or therapist) of this practice signs in with that email.");
    }
    const client = clientByCode.get(row.clientCode);
    if (!client) fail(row.row, "client_code", "No client of this practice has this code.");
    else if (clinicianId && !client.assigned.has(clinicianId)) {
      fail(row.row, "client_code", "This client is not on that clinician's caseload. Assign the clinician on the client's page first.");
    }
    const type = typeByKey.get(typeNameKey(row.typeName));
    if (!type) fail(row.row, "type", `No appointment type is called that. Use one of: ${bookable}.`);
    else if (type.archivedAt) fail(row.row, "type", `${type.name} is archived and cannot be booked. Use one of: ${bookable}.`);
    const room = row.room === null ? { room: null } : importedRoom(rooms, row.room, row.status === "SCHEDULED");
    if ("error" in room) fail(row.row, "room", room.error);
    if (errors.length > before || !client || !type || !clinicianId || "error" in room) continue;

    const minutes = row.durationMinutes ?? type.durationMinutes;
    ready.push({
      row,
      data: {
        id: randomUUID(),
        practiceId: actor.practiceId,
        clientId: client.id,
        clinicianId,
        startsAt: row.startsAt,
        endsAt: new Date(row.startsAt.getTime() + minutes * 60_000),
        type: type.category,
        practiceTypeId: type.id,
        room: room.room,
        onlineLink: row.onlineLink,
        status: row.status,
        feePence: row.feePence ?? type.feePence,
        paymentState: row.paymentState,
        // A row marked paid was paid before the import: the import is when we learned it.
        paidAt: row.paymentState === "PAID" ? now : null,
        createdById: actor.membershipId,
      },
    });
  }

  // Double-booking, for live rows only: against what is booked, and between rows of the file.
  const live = ready.filter((r) => LIVE.has(r.data.status!));
  if (live.length > 0) {
    const from = new Date(Math.min(...live.map((r) => (r.data.startsAt as Date).getTime())));
    const to = new Date(Math.max(...live.map((r) => (r.data.endsAt as Date).getTime())));
    const rooms = [...new Set(live.flatMap((r) => (r.data.room ? [r.data.room] : [])))];
    const existing = await tx.appointment.findMany({
      where: {
        practiceId: actor.practiceId,
        status: { in: [...LIVE_STATUSES] },
        startsAt: { lt: to },
        endsAt: { gt: from },
        OR: [{ clinicianId: { in: [...new Set(live.map((r) => r.data.clinicianId))] } }, ...(rooms.length ? [{ room: { in: rooms } }] : [])],
      },
      select: { clinicianId: true, room: true, startsAt: true, endsAt: true },
    });
    const slots: FileSlot[] = live.map((r) => ({ row: r.row.row, clinicianId: r.data.clinicianId, room: r.data.room ?? null, start: (r.data.startsAt as Date).getTime(), end: (r.data.endsAt as Date).getTime() }));
    const rowOf = new Map(live.map((r) => [r.row.row, r]));
    for (const clash of findClashes(slots, existing)) {
      const mine = rowOf.get(clash.row)!;
      const who = clinicianName.get(mine.data.clinicianId) ?? "The clinician";
      if ("existing" in clash) {
        const when = describeSlot(clash.existing.startsAt, clash.existing.endsAt, timeZone);
        if (clash.on === "clinician") fail(clash.row, "time", `${who} is already booked on ${when}. Choose another time or clinician.`);
        else fail(clash.row, "room", `${mine.data.room} is already booked on ${when}. Choose another time or room.`);
      } else if (clash.on === "clinician") {
        fail(clash.row, "time", `Overlaps row ${clash.otherRow}, another appointment of ${who} at that time.`);
      } else {
        fail(clash.row, "room", `${mine.data.room} is also booked at that time in row ${clash.otherRow}.`);
      }
    }
  }

  errors.sort((a, b) => a.row - b.row);
  const failed = new Set(errors.map((e) => e.row));
  const valid = ready.filter((r) => !failed.has(r.row.row));
  return { rows: parsed.total, valid, errors, timeZone };
}

/** Checks a file without writing anything. */
export async function previewAppointmentImport(actor: Actor, text: string): Promise<AppointmentImportPreview> {
  const { rows, valid, errors } = await resolve(actor, text, db());
  const dates = valid.map((r) => r.row.date).sort();
  return {
    rows,
    valid: valid.length,
    clients: new Set(valid.map((r) => r.data.clientId)).size,
    clinicians: new Set(valid.map((r) => r.data.clinicianId)).size,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    errors,
  };
}

/** Imports every row or none, checked again under the practice's schedule lock. */
export async function commitAppointmentImport(actor: Actor, text: string, context: AuditContext): Promise<AppointmentImportResult> {
  try {
    return await db().$transaction(
      async (tx) => {
        await lockPracticeSchedule(tx, actor.practiceId);
        const { rows, valid, errors } = await resolve(actor, text, tx);
        if (errors.length > 0) return { ok: false as const, rows, errors };
        await insertAppointments(tx, valid.map((r) => r.data));
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actor: memberActor(actor),
          action: "appointment.imported",
          target: null,
          outcome: "SUCCESS",
          details: {
            appointments: valid.length,
            clients: new Set(valid.map((r) => r.data.clientId)).size,
            clinicians: new Set(valid.map((r) => r.data.clinicianId)).size,
            format: "csv",
          },
          context,
        });
        return { ok: true as const, imported: valid.length, rows, from: valid.map((r) => r.row.date).sort()[0] ?? null };
      },
      { timeout: 180_000, maxWait: 30_000 },
    );
  } catch (error) {
    // The lock makes this a write that skipped the application; say it plainly all the same.
    if (isExclusionViolation(error)) throw doubleBookedFallback();
    throw error;
  }
}
