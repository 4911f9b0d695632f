// One practice of signed-in members: real Session rows with the next-auth JWT cookie the app
// issues, clients with a signed note each, a draft per member, appointments this week.
// Imported dynamically by scripts/bench-load.ts once the app's configuration points at the bench
// database (config() reads the environment once and keeps it): none of the lib modules below may
// load before that.
import type { Actor } from "../../../lib/auth/actor";
import { createClient } from "../../../lib/clients/create-client";
import { createNote } from "../../../lib/notes/create-note";
import { saveDraft } from "../../../lib/notes/save-draft";
import { signNote } from "../../../lib/notes/sign-note";
import { bookAppointments } from "../../../lib/schedule/book";
import { ABSOLUTE_TIMEOUT_MS, openSession } from "../../../lib/auth/sessions";
import { sessionCookieName } from "../../../lib/auth/cookie-names";
import { encode } from "next-auth/jwt";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { benchContext } from "../../lib/bench";
import { isoDate, mondayOf, type User } from "./mix";
import { CLIENTS_PER_MEMBER, MEMBERS_PER_PRACTICE } from "./options";

export async function seedPractice(prisma: PrismaClient, p: number): Promise<User[]> {
  const practice = await prisma.practice.create({
    data: { name: `Load practice ${p}`, requireTwoFactor: false, twoFactorRelaxedReason: "Load benchmark accounts." },
  });
  // Bookings name a room of the practice's list.
  await prisma.practiceRoom.create({ data: { practiceId: practice.id, name: "Room 1" } });
  const out: User[] = [];
  const monday = mondayOf(new Date());
  for (let m = 0; m < MEMBERS_PER_PRACTICE; m++) {
    const role = m === 0 ? "OWNER" : "THERAPIST";
    const user = await prisma.user.create({ data: { email: `m${m}@p${p}.load.test`, displayName: `Member ${p}.${m}`, passwordHash: "not-used" } });
    const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    const session = await openSession(prisma, { userId: user.id, membershipId: membership.id, userAgent: "bench:load" });
    const actor: Actor = { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId: practice.id, practiceName: practice.name, stepUpAt: null };
    const codes: string[] = [];
    for (let c = 0; c < CLIENTS_PER_MEMBER; c++) {
      const { client } = await createClient(actor, { label: `Client ${c}`, identity: { fullName: `Load Person ${p}.${m}.${c}` } }, benchContext);
      codes.push(client.code);
      const note = await createNote(actor, client.code, { template: "SOAP", sessionDate: isoDate(new Date(Date.now() - 7 * 86_400_000)) }, benchContext);
      const saved = await saveDraft(actor, client.code, note.id, { baseRevision: 0, sections: { subjective: "Reports a calmer week.", plan: "Continue weekly." } }, benchContext);
      if (saved.ok) await signNote(actor, client.code, note.id, { baseRevision: saved.revision }, benchContext);
      if (c < 3) {
        const date = isoDate(new Date(monday.getTime() + (c + 1) * 86_400_000));
        await bookAppointments(actor, { clientCode: client.code, clinicianId: membership.id, date, time: `${String(9 + m).padStart(2, "0")}:00`, durationMinutes: 50, type: "SESSION", room: "Room 1" }, benchContext);
      }
    }
    const draft = await createNote(actor, codes[0]!, { template: "SOAP", sessionDate: isoDate(new Date()) }, benchContext);
    const token = await encode({ token: { sub: user.id, sid: session.id }, secret: process.env.AUTH_SECRET!, maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
    out.push({ cookie: `${sessionCookieName()}=${token}`, clientCodes: codes, draft: { code: codes[0]!, id: draft.id } });
  }
  return out;
}
