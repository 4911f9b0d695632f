import { describe, expect, it } from "vitest";
import { generateClientCode } from "@/lib/clients/code";
import { findClashes } from "./appointment-clashes";
import { parseAppointmentCsv } from "./appointment-csv";

const code = generateClientCode();
const LONDON = "Europe/London";

describe("parseAppointmentCsv", () => {
  it("reads any column order and case, forgiving codes, statuses and payments, and turns local time into UTC", () => {
    const shown = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const parsed = parseAppointmentCsv(`Type,Date,Time,Client Code,Status,Payment,Fee\nCouples session,2026-07-01,9:30,${shown},Did not attend,paid,£62.50\nSession,2026-12-01,09:30,${code},,,\n`, LONDON);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      expect.objectContaining({ row: 2, clientCode: code, typeName: "Couples session", time: "09:30", startsAt: new Date("2026-07-01T08:30:00Z"), status: "DID_NOT_ATTEND", paymentState: "PAID", feePence: 6250, durationMinutes: null }),
      expect.objectContaining({ row: 3, startsAt: new Date("2026-12-01T09:30:00Z"), status: "SCHEDULED", paymentState: "UNPAID", feePence: null, clinicianEmail: null }),
    ]);
  });

  it("refuses a local time that does not exist when the clocks go forward, and keeps the first of a repeated autumn hour", () => {
    const parsed = parseAppointmentCsv(`client_code,date,time,type\n${code},2026-03-29,01:30,Session\n${code},2026-10-25,01:30,Session\n`, LONDON);
    expect(parsed.errors).toEqual([{ row: 2, column: "time", message: expect.stringMatching(/01:30 does not exist on 2026-03-29 in Europe\/London time: the clocks go forward/) }]);
    expect(parsed.rows.map((r) => r.startsAt.toISOString())).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("names the row and column of each bad cell in its own words", () => {
    const parsed = parseAppointmentCsv(
      `client_code,date,time,type,duration_minutes,room,online_link,status,fee,payment\n` +
        `NOTACODE,2026-02-30,25:00,,3,Room 1,https://meet.example/x,maybe,abc,owed\n`,
      LONDON,
    );
    expect(parsed.errors.map((e) => e.column)).toEqual(["client_code", "date", "time", "duration_minutes", "type", "room", "status", "fee", "payment"]);
    expect(parsed.errors.every((e) => e.row === 2)).toBe(true);
    expect(parsed.errors.find((e) => e.column === "room")!.message).toBe("Give a room or an online link, not both.");
    expect(parsed.rows).toEqual([]);
  });

  it("refuses unknown columns and a header without the needed ones", () => {
    expect(parseAppointmentCsv("client_code,date,when\n", LONDON).errors).toEqual([
      { row: 1, column: null, message: expect.stringContaining('Unknown column "when"') },
      { row: 1, column: null, message: "The header row needs these columns too: time, type." },
    ]);
  });
});

describe("findClashes", () => {
  const h = (hour: number) => Date.UTC(2026, 9, 14, hour);
  const existing = [{ clinicianId: "a", room: "Room 1", startsAt: new Date(h(10)), endsAt: new Date(h(11)) }];

  it("finds overlaps with booked appointments and between rows, naming the other row", () => {
    const clashes = findClashes(
      [
        { row: 2, clinicianId: "a", room: null, start: h(10) + 30 * 60_000, end: h(11) + 30 * 60_000 }, // the clinician is booked
        { row: 3, clinicianId: "b", room: "Room 1", start: h(10), end: h(11) }, // the room is booked
        { row: 4, clinicianId: "c", room: null, start: h(12), end: h(13) },
        { row: 5, clinicianId: "c", room: null, start: h(12) + 50 * 60_000, end: h(14) }, // overlaps row 4
        { row: 6, clinicianId: "d", room: "Room 2", start: h(15), end: h(16) },
        { row: 7, clinicianId: "e", room: "Room 2", start: h(16), end: h(17) }, // back to back is fine
      ],
      existing,
    );
    expect(clashes).toEqual([
      { row: 2, on: "clinician", existing: existing[0] },
      { row: 3, on: "room", existing: existing[0] },
      { row: 5, on: "clinician", otherRow: 4 },
    ]);
  });
});
