import { z } from "zod";
import { parseMoney } from "./money";
import { MAX_OCCURRENCES } from "./recurrence";

// The schedule's boundary: what forms and route handlers may send.

export const APPOINTMENT_TYPES = ["ASSESSMENT", "SESSION", "REVIEW", "SUPERVISION"] as const;
export const TYPE_LABEL: Record<(typeof APPOINTMENT_TYPES)[number], string> = {
  ASSESSMENT: "Assessment",
  SESSION: "Session",
  REVIEW: "Review",
  SUPERVISION: "Supervision",
};
export const STATUS_LABEL = {
  SCHEDULED: "Scheduled",
  ATTENDED: "Attended",
  CANCELLED_BY_CLIENT: "Cancelled by client",
  CANCELLED_LATE: "Cancelled late",
  DID_NOT_ATTEND: "Did not attend",
  CANCELLED_BY_PRACTICE: "Cancelled by practice",
} as const;
export const PAYMENT_LABEL = { UNPAID: "Unpaid", PAID: "Paid", WAIVED: "Waived" } as const;

/** Statuses that hold the clinician's (and room's) time: the others free it. */
export const LIVE_STATUSES = ["SCHEDULED", "ATTENDED", "DID_NOT_ATTEND"] as const;
/** Statuses for which the fee is owed (unless waived). */
export const CHARGEABLE_STATUSES = ["ATTENDED", "CANCELLED_LATE", "DID_NOT_ATTEND"] as const;

const date = z.iso.date({ message: "Enter the date." });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time as HH:MM, e.g. 10:00.");
export const durationSchema = z.coerce.number({ message: "Enter the length in minutes." }).int("Enter the length in whole minutes.").min(5, "An appointment lasts at least 5 minutes.").max(720, "An appointment lasts at most 12 hours.");
const duration = durationSchema;
/** Empty (or missing) means "take the type's default". */
const optionalDuration = z.preprocess((v) => (v === "" || v === null ? undefined : v), durationSchema.optional());
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));
const feeSchema = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (typeof v === "number") return v;
    const pence = parseMoney(v ?? "");
    if (pence === null) {
      ctx.addIssue({ code: "custom", message: "Enter the fee as an amount, e.g. 60 or 62.50." });
      return z.NEVER;
    }
    return pence;
  })
  .pipe(z.number().int().min(0).max(10_000_000, "A fee is at most 100,000."));
const fee = feeSchema;
/** Empty (or missing) means "take the type's default"; "0" is a real, zero fee. */
const optionalFee = z.preprocess((v) => (v === "" || v === null ? undefined : v), feeSchema.optional());

const place = {
  room: optionalText(80),
  onlineLink: optionalText(500).refine((v) => v === null || /^https:\/\/\S+$/.test(v), "An online link starts with https://."),
};

export const bookingSchema = z
  .object({
    clientCode: z.string().min(1, "Choose a client."),
    clinicianId: z.uuid({ message: "Choose a clinician." }),
    date,
    time,
    durationMinutes: optionalDuration,
    /** The practice type; or, from older callers, a category (its first bookable type). */
    typeId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ message: "Choose a type." }).optional()),
    type: z.enum(APPOINTMENT_TYPES, { message: "Choose a type." }).optional(),
    ...place,
    fee: optionalFee,
    repeat: z.enum(["NONE", "WEEKLY", "FORTNIGHTLY"]).default("NONE"),
    count: z.coerce.number().int().min(1).max(MAX_OCCURRENCES, `A series has at most ${MAX_OCCURRENCES} appointments.`).default(1),
  })
  .refine((b) => !(b.room && b.onlineLink), { message: "Give a room or an online link, not both.", path: ["room"] })
  .refine((b) => b.typeId !== undefined || b.type !== undefined, { message: "Choose a type.", path: ["typeId"] });
export type BookingInput = z.input<typeof bookingSchema>;

export const scopeSchema = z.enum(["ONE", "FOLLOWING"]).default("ONE");

export const moveSchema = z
  .object({ date, time, durationMinutes: duration, ...place, scope: scopeSchema })
  .refine((b) => !(b.room && b.onlineLink), { message: "Give a room or an online link, not both.", path: ["room"] });

export const cancelSchema = z.object({
  status: z.enum(["CANCELLED_BY_CLIENT", "CANCELLED_LATE", "CANCELLED_BY_PRACTICE"], { message: "Choose who cancelled." }),
  scope: scopeSchema,
});

export const completeSchema = z.object({ status: z.enum(["ATTENDED", "DID_NOT_ATTEND", "SCHEDULED"], { message: "Choose an outcome." }) });

export const paymentSchema = z.object({
  paymentState: z.enum(["UNPAID", "PAID", "WAIVED"], { message: "Choose a payment state." }),
  fee: fee.optional(),
});

export const viewQuerySchema = z.object({
  view: z.enum(["week", "day"]).catch("week"),
  date: date.optional().catch(undefined),
  clinician: z.union([z.uuid(), z.literal("all"), z.literal("mine")]).optional().catch(undefined),
});

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month.");

/** Longest period one statement covers (two years, leap day included). */
export const STATEMENT_MAX_DAYS = 731;

/** A statement's period: local dates in the practice's time zone, both days included. */
export const statementPeriodSchema = z
  .object({
    from: z.iso.date({ message: "Enter the first day of the period." }),
    to: z.iso.date({ message: "Enter the last day of the period." }),
  })
  .refine((p) => p.from <= p.to, { message: "The period must end on or after the day it starts.", path: ["to"] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < STATEMENT_MAX_DAYS, { message: "A statement covers at most two years.", path: ["to"] });
export type StatementPeriod = z.infer<typeof statementPeriodSchema>;

/** A practice's appointment type, as the settings form sends it. */
export const appointmentTypeSchema = z.object({
  name: z.string().trim().min(1, "Give the type a name.").max(60, "A type's name is at most 60 characters."),
  category: z.enum(APPOINTMENT_TYPES, { message: "Choose a category." }),
  durationMinutes: duration,
  fee,
});
export type AppointmentTypeInput = z.input<typeof appointmentTypeSchema>;
