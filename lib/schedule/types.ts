import "server-only";
import { db } from "@/lib/db/client";
import type { AppointmentType, Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";

// A practice's own appointment types: what a booking (form, CSV import) is "of". Each has a
// category (the fixed AppointmentType enum, kept on the appointment for billing and feeds) and
// the defaults a booking starts from. The four built-ins are made with every practice by a
// trigger (the appointment_types migration), so every way a practice is created,
// including tests and the demo seed, has them.

export interface PracticeType {
  id: string;
  name: string;
  category: AppointmentType;
  durationMinutes: number;
  feePence: number;
  position: number;
  archivedAt: Date | null;
}

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

const select = { id: true, name: true, category: true, durationMinutes: true, feePence: true, position: true, archivedAt: true } as const;

/** The practice's types in their order; archived ones only when asked (settings, imports' messages). */
export function listAppointmentTypes(practiceId: string, options: { includeArchived?: boolean } = {}, client: Client = db()): Promise<PracticeType[]> {
  return client.practiceAppointmentType.findMany({
    where: { practiceId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    select,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}

/** The type a new booking starts from: the first session type, else the first bookable one. */
export const defaultBookingType = (types: readonly Pick<PracticeType, "id" | "category">[]) => (types.find((t) => t.category === "SESSION") ?? types[0])?.id ?? "";

/** Case-insensitive name key: "Couples Session" and "couples session" are the same type. */
export const typeNameKey = (name: string) => name.trim().toLocaleLowerCase("en-GB");

/**
 * The bookable type a booking names: by id, or (older callers) the first bookable type of a
 * category. Archived types and other practices' types are refused.
 */
export async function resolveBookingType(client: Client, practiceId: string, ref: { typeId?: string; category?: AppointmentType }): Promise<PracticeType> {
  const type = ref.typeId
    ? await client.practiceAppointmentType.findFirst({ where: { id: ref.typeId, practiceId }, select })
    : await client.practiceAppointmentType.findFirst({ where: { practiceId, category: ref.category, archivedAt: null }, select, orderBy: { position: "asc" } });
  if (!type) throw new AppError("invalid_type", "Choose an appointment type of this practice.", 400);
  if (type.archivedAt) throw new AppError("archived_type", `${type.name} is archived and cannot be booked. Choose another type.`, 400);
  return type;
}
