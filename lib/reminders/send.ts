import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/transport";
import { logger } from "@/lib/log";
import { activePractice } from "@/lib/platform/active";
import { readIdentity } from "@/lib/vault/read-identity";
import { candidateHorizon, reminderDueAt } from "./due";
import { composeReminder } from "./message";

// The reminder job (npm run reminders:send, from cron every few minutes). For each practice
// that sends reminders, it finds SCHEDULED appointments of opted-in clients whose reminder is
// due and not yet sent, claims each by inserting its appointment_reminder row (one row per
// appointment, so a second run at the same moment finds it taken), reads the email address from
// the vault only then, sends, and records the outcome. Never the message or the address.
// A failed send is retried by later runs, at most MAX_ATTEMPTS times in all. A run that dies
// between sending and recording leaves the claim SENDING, and it is not sent again: a missed
// reminder is better than a duplicate.

export const MAX_ATTEMPTS = 3;
const SYSTEM = { type: "SYSTEM" as const, id: "reminders", role: null };

export interface ReminderRunResult {
  practices: number;
  due: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Claimed by another run at the same time (or already handled meanwhile). */
  taken: number;
}

/** Claims one appointment's reminder; returns the attempt number, or null if not ours to send. */
async function claim(appointmentId: string, now: Date): Promise<number | null> {
  const rows = await db().$queryRaw<{ attempts: number }[]>`
    INSERT INTO appointment_reminder ("appointmentId", "practiceId", status, attempts, "claimedAt")
    SELECT a.id, a."practiceId", 'SENDING', 1, ${now}
      FROM appointment a JOIN client c ON c.id = a."clientId" AND c."practiceId" = a."practiceId"
     WHERE a.id = ${appointmentId}::uuid AND a.status = 'SCHEDULED' AND a."startsAt" > ${now}
       AND c."remindersOptedInAt" IS NOT NULL
    ON CONFLICT ("appointmentId") DO UPDATE
       SET status = 'SENDING', attempts = appointment_reminder.attempts + 1, "claimedAt" = EXCLUDED."claimedAt", failure = NULL
     WHERE appointment_reminder.status = 'FAILED' AND appointment_reminder.attempts < ${MAX_ATTEMPTS}
    RETURNING attempts`;
  return rows[0]?.attempts ?? null;
}

export async function sendDueReminders(now = new Date()): Promise<ReminderRunResult> {
  const result: ReminderRunResult = { practices: 0, due: 0, sent: 0, failed: 0, skipped: 0, taken: 0 };
  const practices = await db().practice.findMany({
    where: { remindersEnabled: true, ...activePractice },
    select: { id: true, name: true, timeZone: true, reminderHoursBefore: true },
  });
  const portalUrl = new URL("/portal", config().APP_URL).toString();
  for (const practice of practices) {
    result.practices++;
    const candidates = await db().appointment.findMany({
      where: {
        practiceId: practice.id,
        status: "SCHEDULED",
        startsAt: { gt: now, lte: candidateHorizon(now, practice.reminderHoursBefore) },
        client: { remindersOptedInAt: { not: null } },
        OR: [{ reminder: null }, { reminder: { status: "FAILED", attempts: { lt: MAX_ATTEMPTS } } }],
      },
      orderBy: { startsAt: "asc" },
      select: { id: true, clientId: true, startsAt: true, endsAt: true, room: true, onlineLink: true, client: { select: { code: true } } },
    });
    for (const appointment of candidates) {
      if (reminderDueAt(appointment.startsAt, practice.reminderHoursBefore, practice.timeZone) > now) continue;
      result.due++;
      const attempt = await claim(appointment.id, now);
      if (attempt === null) {
        result.taken++;
        continue;
      }
      const audit = { practiceId: practice.id, actor: SYSTEM, target: { type: "appointment", id: appointment.id } } as const;
      const email = await readIdentity({ id: appointment.clientId, practiceId: practice.id }).then((identity) => identity?.email ?? null);
      if (!email) {
        await db().$transaction(async (tx) => {
          await tx.appointmentReminder.update({ where: { appointmentId: appointment.id }, data: { status: "SKIPPED", failure: "no_email" } });
          await recordAudit(tx, { ...audit, action: "reminder.skipped", outcome: "SUCCESS", details: { client: appointment.client.code, reason: "no_email" } });
        });
        result.skipped++;
        continue;
      }
      const message = composeReminder(email, {
        practiceName: practice.name,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        timeZone: practice.timeZone,
        room: appointment.room,
        online: appointment.onlineLink !== null,
        portalUrl,
      });
      try {
        await sendEmail(message);
      } catch (error) {
        // The error's message may quote the address; only its class is logged and kept.
        logger.warn({ appointmentId: appointment.id, attempt, errorName: error instanceof Error ? error.name : "unknown" }, "reminder email failed");
        await db().$transaction(async (tx) => {
          await tx.appointmentReminder.update({ where: { appointmentId: appointment.id }, data: { status: "FAILED", failure: "send_failed" } });
          await recordAudit(tx, { ...audit, action: "reminder.failed", outcome: "FAILED", details: { client: appointment.client.code, attempt, retry: attempt < MAX_ATTEMPTS } });
        });
        result.failed++;
        continue;
      }
      await db().$transaction(async (tx) => {
        await tx.appointmentReminder.update({ where: { appointmentId: appointment.id }, data: { status: "SENT", sentAt: new Date() } });
        await recordAudit(tx, { ...audit, action: "reminder.sent", outcome: "SUCCESS", details: { client: appointment.client.code, attempt } });
      });
      result.sent++;
    }
  }
  await recordAudit(db(), { practiceId: null, actor: SYSTEM, action: "reminder.run", target: null, outcome: "SUCCESS", details: { ...result } });
  return result;
}
