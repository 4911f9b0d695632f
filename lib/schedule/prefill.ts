import { z } from "zod";

// What a link to the booking form may fill in: a calendar slot (date, time, clinician) or "book
// the next one" (also client, type, length and room). Anything unknown or malformed is ignored
// (the form then shows its usual defaults), never trusted: the booking itself checks everything.

const pick = <T,>(schema: z.ZodType<T>, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

export function bookingPrefill(
  params: Record<string, string | string[] | undefined>,
  known: { today: string; clinicians: { id: string }[]; types: { id: string }[]; rooms: string[] },
) {
  const one = (k: string) => (typeof params[k] === "string" ? params[k] : undefined);
  const clinicianId = pick(z.uuid(), one("clinician"));
  const typeId = pick(z.uuid(), one("type"));
  const room = one("room");
  const values: Record<string, string> = { date: pick(z.iso.date(), one("date")) ?? known.today };
  const time = pick(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), one("time"));
  if (time) values.time = time;
  if (clinicianId && known.clinicians.some((c) => c.id === clinicianId)) values.clinicianId = clinicianId;
  const client = pick(z.string().regex(/^[0-9A-Z-]{1,20}$/), one("client"));
  if (client) values.clientCode = client;
  const minutes = pick(z.coerce.number().int().min(5).max(720), one("minutes"));
  if (minutes) values.durationMinutes = String(minutes);
  if (room && known.rooms.includes(room)) values.room = room;
  return { values, typeId: typeId && known.types.some((t) => t.id === typeId) ? typeId : undefined };
}
