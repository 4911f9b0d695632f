import { parseClientCode } from "@/lib/clients/code";
import { parseMoney } from "@/lib/schedule/money";
import { toLocal, zonedToUtc } from "@/lib/schedule/time";
import { readCsvTable, type RowError as CsvRowError } from "./csv-file";

// The appointment import file: a header row naming the columns below (any order), then one
// appointment per row. This part needs no database: it checks each cell and turns the local date
// and time into an instant in the practice's time zone. Codes, emails and type names are
// resolved against the practice in import-appointments.ts.

export const APPOINTMENT_CSV_COLUMNS = [
  "client_code",
  "clinician_email",
  "date",
  "time",
  "duration_minutes",
  "type",
  "room",
  "online_link",
  "status",
  "fee",
  "payment",
] as const;
export type AppointmentColumn = (typeof APPOINTMENT_CSV_COLUMNS)[number];
export type RowError = CsvRowError<AppointmentColumn>;

const STATUSES = ["SCHEDULED", "ATTENDED", "CANCELLED_BY_CLIENT", "CANCELLED_LATE", "DID_NOT_ATTEND", "CANCELLED_BY_PRACTICE"] as const;
const PAYMENTS = ["UNPAID", "PAID", "WAIVED"] as const;
export type ImportStatus = (typeof STATUSES)[number];
export type ImportPayment = (typeof PAYMENTS)[number];

export interface ParsedAppointmentRow {
  row: number;
  clientCode: string;
  /** Lower-cased; null means "the importing member". */
  clinicianEmail: string | null;
  date: string;
  time: string;
  startsAt: Date;
  /** Null: the type's usual length. */
  durationMinutes: number | null;
  typeName: string;
  room: string | null;
  onlineLink: string | null;
  status: ImportStatus;
  /** Null: the type's usual fee. */
  feePence: number | null;
  paymentState: ImportPayment;
}

export interface ParsedAppointmentFile {
  total: number;
  rows: ParsedAppointmentRow[];
  errors: RowError[];
}

// "Cancelled by client", "cancelled-by-client" and "CANCELLED_BY_CLIENT" all mean one status.
const enumKey = (s: string) => s.trim().toUpperCase().replace(/[\s-]+/g, "_");
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function isRealDate(date: string) {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === date;
}

/** Parses and checks a file. Never throws on bad content: everything is an error row. */
export function parseAppointmentCsv(text: string, timeZone: string): ParsedAppointmentFile {
  const { table, errors } = readCsvTable(text, {
    columns: APPOINTMENT_CSV_COLUMNS,
    noun: "appointments",
    example: "client_code,date,time,type",
    missing: (has) => {
      const absent = (["client_code", "date", "time", "type"] as const).filter((c) => !has(c));
      return absent.length ? `The header row needs these columns too: ${absent.join(", ")}.` : null;
    },
  });
  if (!table) return { total: 0, rows: [], errors };
  const rows: ParsedAppointmentRow[] = [];
  for (const [r, record] of table.records.entries()) {
    const row = r + 2;
    const cell = (c: AppointmentColumn) => table.cell(record, c);
    const problems: RowError[] = [];
    const problem = (column: AppointmentColumn, message: string) => problems.push({ row, column, message });

    const clientCode = parseClientCode(cell("client_code"));
    if (!cell("client_code")) problem("client_code", "Enter the client's code, e.g. K7Q4-MX2P-B9XD.");
    else if (!clientCode) problem("client_code", "This is not a valid client code: check it for a typing mistake.");

    const clinician = cell("clinician_email").toLowerCase();
    if (clinician && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clinician)) problem("clinician_email", "Enter the clinician's sign-in email address, or leave it empty for yourself.");

    const date = cell("date");
    const timeMatch = TIME.exec(cell("time"));
    const time = timeMatch ? `${timeMatch[1]!.padStart(2, "0")}:${timeMatch[2]}` : "";
    let startsAt: Date | null = null;
    if (!isRealDate(date)) problem("date", "Enter the date as YYYY-MM-DD, e.g. 2026-10-14.");
    if (!timeMatch) problem("time", "Enter the start time as HH:MM (24-hour clock), e.g. 14:30.");
    if (isRealDate(date) && timeMatch) {
      startsAt = zonedToUtc(date, time, timeZone);
      const back = toLocal(startsAt, timeZone);
      // A time skipped when the clocks go forward does not exist: say so rather than guess.
      if (back.date !== date || back.time !== time) {
        problem("time", `${time} does not exist on ${date} in ${timeZone.replace("_", " ")} time: the clocks go forward then. Choose a time before or after the change.`);
        startsAt = null;
      }
    }

    let durationMinutes: number | null = null;
    const duration = cell("duration_minutes");
    if (duration) {
      const n = /^\d+$/.test(duration) ? Number(duration) : NaN;
      if (!Number.isInteger(n) || n < 5 || n > 720) problem("duration_minutes", "Enter the length in whole minutes, from 5 to 720, or leave it empty for the type's usual length.");
      else durationMinutes = n;
    }

    const typeName = cell("type");
    if (!typeName) problem("type", "Enter the appointment type, as named under Types (e.g. Session).");

    const room = cell("room") || null;
    const onlineLink = cell("online_link") || null;
    if (room && room.length > 80) problem("room", "Keep the room name to 80 characters.");
    if (onlineLink && (!/^https:\/\/\S+$/.test(onlineLink) || onlineLink.length > 500)) problem("online_link", "An online link starts with https:// (up to 500 characters).");
    if (room && onlineLink) problem("room", "Give a room or an online link, not both.");

    const statusKey = cell("status") ? enumKey(cell("status")) : "SCHEDULED";
    const status = STATUSES.find((s) => s === statusKey);
    if (!status) problem("status", "Use one of: scheduled, attended, cancelled by client, cancelled late, did not attend, cancelled by practice (or leave it empty).");

    let feePence: number | null = null;
    if (cell("fee")) {
      feePence = parseMoney(cell("fee"));
      if (feePence === null || feePence > 10_000_000) problem("fee", "Enter the fee as an amount, e.g. 60 or 62.50, or leave it empty for the type's usual fee.");
    }

    const paymentKey = cell("payment") ? enumKey(cell("payment")) : "UNPAID";
    const paymentState = PAYMENTS.find((p) => p === paymentKey);
    if (!paymentState) problem("payment", "Use one of: unpaid, paid, waived (or leave it empty).");

    if (problems.length > 0) errors.push(...problems);
    else {
      rows.push({ row, clientCode: clientCode!, clinicianEmail: clinician || null, date, time, startsAt: startsAt!, durationMinutes, typeName, room, onlineLink, status: status!, feePence, paymentState: paymentState! });
    }
  }
  return { total: table.records.length, rows, errors };
}
