import type { TestPrisma } from "./factory";

// Appointments for invoicing tests and the bench, written straight to the database: each
// clinician's sessions sit in distinct hourly slots (so no double-booking constraint trips).

export interface SeedAppointments {
  practiceId: string;
  clinicianId: string;
  createdById: string;
  clientIds: string[];
  /** "2026-10" */
  month: string;
  perClient: number;
  feePence?: number;
  status?: "ATTENDED" | "CANCELLED_LATE" | "SCHEDULED" | "CANCELLED_BY_CLIENT";
  /** Slot offset, so several calls for one clinician do not overlap. */
  firstSlot?: number;
}

export async function seedAppointments(prisma: TestPrisma, s: SeedAppointments): Promise<string[]> {
  const type = await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: s.practiceId, category: "SESSION" } });
  const rows = [];
  let slot = s.firstSlot ?? 0;
  if ((s.firstSlot ?? 0) + s.clientIds.length * s.perClient > 8 * 26) throw new Error("at most 208 slots per clinician and month");
  for (const clientId of s.clientIds) {
    for (let i = 0; i < s.perClient; i++, slot++) {
      // 8 slots a day (09:00-16:00 UTC) over days 2-27 of the month.
      const day = 2 + (Math.floor(slot / 8) % 26);
      const hour = 9 + (slot % 8);
      const startsAt = new Date(`${s.month}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`);
      rows.push({
        practiceId: s.practiceId, clientId, clinicianId: s.clinicianId, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000),
        type: "SESSION" as const, practiceTypeId: type.id, status: s.status ?? "ATTENDED", feePence: s.feePence ?? 6000, createdById: s.createdById,
      });
    }
  }
  const ids = rows.map(() => crypto.randomUUID());
  await prisma.appointment.createMany({ data: rows.map((r, i) => ({ ...r, id: ids[i] })) });
  return ids;
}
