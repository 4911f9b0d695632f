import type { OutgoingEmail } from "@/lib/email/transport";
import { dateTimeFormat } from "@/lib/format/intl";

// The reminder email, plain text. What it holds, on purpose: the practice's name, the date and
// time in the practice's zone (named), the place, and how to cancel. What it never holds: the
// client's code or name, the clinician, the kind of appointment, anything clinical, or an
// online meeting link (an email can be forwarded or read by others with access to the mailbox,
// and a link lets whoever holds it join the session; the client has it from the practice).

export interface ReminderFacts {
  practiceName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  room: string | null;
  online: boolean;
  portalUrl: string;
}

export function reminderWhen(startsAt: Date, endsAt: Date, timeZone: string) {
  const weekday = dateTimeFormat("en-GB", { timeZone, weekday: "long" }).format(startsAt);
  const day = `${weekday} ${dateTimeFormat("en-GB", { timeZone, day: "numeric", month: "long", year: "numeric" }).format(startsAt)}`;
  const time = (d: Date) => dateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  const zone = dateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }).formatToParts(startsAt).find((p) => p.type === "timeZoneName")?.value ?? "";
  return `${day}, ${time(startsAt)} to ${time(endsAt)} ${zone} (${timeZone.replace(/_/g, " ")} time)`;
}

export function reminderPlace(room: string | null, online: boolean) {
  if (online) return "Online. Join with the link your practice gave you (for your privacy it is not sent by email).";
  if (room) return `At the practice, ${room}.`;
  return "As arranged with your practice.";
}

export function composeReminder(to: string, facts: ReminderFacts): OutgoingEmail {
  // Email headers must not carry line breaks from a practice name.
  const practice = facts.practiceName.replace(/[\r\n]+/g, " ").trim();
  return {
    to,
    subject: `Appointment reminder from ${practice}`,
    text: [
      "Hello,",
      "",
      `This is a reminder of your appointment with ${practice}.`,
      "",
      `When:  ${reminderWhen(facts.startsAt, facts.endsAt, facts.timeZone)}`,
      `Where: ${reminderPlace(facts.room, facts.online)}`,
      "",
      "If you cannot come, or need to change the time, please contact the practice as soon as you can. Replies to this email are not read.",
      "",
      `You receive these reminders because you asked for them. To stop them, tell the practice or sign in to your client portal at ${facts.portalUrl}`,
      "",
      practice,
      "",
    ].join("\n"),
  };
}
