// The home page's rules (pure: the page and the tests share them).

/** How far back "what changed" reaches on a member's first visit (no marker yet). */
export const FIRST_VISIT_LOOKBACK_DAYS = 7;
/** How many of the next appointments (after today) a clinician sees. */
export const NEXT_APPOINTMENTS = 5;
/** Changes listed at most (newest first); the rest is summarised by a count. */
export const MAX_CHANGES = 20;

/** Where "what changed since you last looked" starts: the previous visit, or a week back. */
export function changesSince(previous: Date | null, now: Date): Date {
  return previous ?? new Date(now.getTime() - FIRST_VISIT_LOOKBACK_DAYS * 86_400_000);
}

/** The one action on an appointment's row: open its note, start it, or none (not theirs to write). */
export function noteActionFor(appointment: { id: string; noteId: string | null; clientCode: string; mayWriteNotes: boolean }) {
  if (!appointment.mayWriteNotes) return null;
  return appointment.noteId
    ? { label: "Open note", href: `/clients/${appointment.clientCode}/notes/${appointment.noteId}` }
    : { label: "Start note", href: `/schedule/${appointment.id}/note` };
}

/** Whether a request is overdue on a (practice-local) day: its due day, extended or not, has passed. */
export const isOverdue = (due: Date, today: string) => due.toISOString().slice(0, 10) < today;

/** What the home page shows to whom: clinicians their day; owners and managers the practice's too. */
export const homeSections = (role: "OWNER" | "THERAPIST" | "MANAGER") => ({
  myDay: role === "OWNER" || role === "THERAPIST",
  practiceDay: role === "OWNER" || role === "MANAGER",
  requests: role === "OWNER",
});
