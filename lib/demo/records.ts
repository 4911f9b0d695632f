import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/client";
import { createNote } from "@/lib/notes/create-note";
import { saveDraft } from "@/lib/notes/save-draft";
import { signNote } from "@/lib/notes/sign-note";
import { bookAppointments } from "@/lib/schedule/book";
import { DEMO_MEMBERS, DEMO_PRACTICE_ID } from "./seed";

// Development only: a few clients for the demo therapist, with notes and a week of
// appointments, so a first look at the app is not a page of empty states. Made through the
// real operations (codes, vault, encryption, audit). Runs once: skipped when the demo practice
// already has clients. The names are obviously invented.

const context = { requestId: null, ip: null, userAgent: "demo seed" };
const CLIENTS = [
  { label: "Tuesday 10am", fullName: "Demo Person One", time: "10:00", day: 1 },
  { label: "Thursday 2pm", fullName: "Demo Person Two", time: "14:00", day: 3 },
  { label: "Couples B", fullName: "Demo Person Three", time: "16:00", day: 3 },
];

export async function seedDemoRecords(): Promise<{ clients: number }> {
  if ((await db().client.count({ where: { practiceId: DEMO_PRACTICE_ID } })) > 0) return { clients: 0 };
  const therapistUser = await db().user.findUniqueOrThrow({ where: { email: DEMO_MEMBERS[1].email } });
  const membership = await db().membership.findFirstOrThrow({ where: { practiceId: DEMO_PRACTICE_ID, userId: therapistUser.id } });
  const practice = await db().practice.findUniqueOrThrow({ where: { id: DEMO_PRACTICE_ID } });
  const actor: Actor = {
    sessionId: "00000000-0000-4000-8000-000000000000",
    userId: therapistUser.id,
    displayName: therapistUser.displayName,
    membershipId: membership.id,
    role: "THERAPIST",
    practiceId: DEMO_PRACTICE_ID,
    practiceName: practice.name,
    stepUpAt: null,
  };
  // The demo practice charges like a small private practice does (the built-ins start with no fee).
  for (const [category, feePence] of [["ASSESSMENT", 7500], ["SESSION", 6000], ["REVIEW", 6000]] as const) {
    await db().practiceAppointmentType.updateMany({ where: { practiceId: DEMO_PRACTICE_ID, category, feePence: 0 }, data: { feePence } });
  }
  // The demo's bookings use Room 1: put it on the practice's list of rooms first.
  await db().practiceRoom.upsert({ where: { practiceId_name: { practiceId: DEMO_PRACTICE_ID, name: "Room 1" } }, create: { practiceId: DEMO_PRACTICE_ID, name: "Room 1" }, update: {} });
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  for (const [i, c] of CLIENTS.entries()) {
    const { client } = await createClient(actor, { label: c.label, identity: { fullName: c.fullName } }, context);
    const past = new Date(Date.now() - (7 + i) * 86_400_000).toISOString().slice(0, 10);
    const signed = await createNote(actor, client.code, { template: "SOAP", sessionDate: past }, context);
    const saved = await saveDraft(actor, client.code, signed.id, { baseRevision: 0, sections: { subjective: "Reports the week went better than expected.", assessment: "Engaged; mood brighter.", plan: "Continue weekly sessions." } }, context);
    if (saved.ok) await signNote(actor, client.code, signed.id, { baseRevision: saved.revision }, context);
    if (i === 0) {
      const draft = await createNote(actor, client.code, { template: "FREE", sessionDate: new Date().toISOString().slice(0, 10) }, context);
      await saveDraft(actor, client.code, draft.id, { baseRevision: 0, sections: { body: "Started a draft: finish after the session." } }, context);
    }
    const date = new Date(monday.getTime() + c.day * 86_400_000).toISOString().slice(0, 10);
    await bookAppointments(actor, { clientCode: client.code, clinicianId: membership.id, date, time: c.time, durationMinutes: 50, type: "SESSION", room: "Room 1", repeat: "WEEKLY", count: 4 }, context);
  }
  return { clients: CLIENTS.length };
}
