// What the note editor makes of one autosave answer (app/(app)/clients/[code]/notes/[id]/
// note-editor.tsx), kept apart from React so the rules are tested on their own. Pure: runs in
// the browser and in tests.

export type SaveOutcome = "saved" | "conflict" | "locked" | "offline" | "error";

/** How long the editor waits before trying an unsaved draft again, when nothing says otherwise. */
export const DEFAULT_RETRY_MS = 10_000;
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * A network failure (no answer), a 502/503/504 (the server or its database is restarting or
 * busy) or a 429 is "offline": the text stays on this device and is retried, never dropped.
 * Other 4xx/5xx answers are errors the therapist has to see.
 */
export function saveOutcome(answer: { status: number; hasRevision: boolean; hasConflict: boolean } | "no-answer"): SaveOutcome {
  if (answer === "no-answer") return "offline";
  const { status } = answer;
  if (status >= 200 && status < 300 && answer.hasRevision) return "saved";
  if (status === 409 && answer.hasConflict) return "conflict";
  if (status === 401) return "locked";
  if (status === 429 || status === 502 || status === 503 || status === 504) return "offline";
  return "error";
}

/** The wait before the next try: the server's Retry-After (seconds) when it gives one, bounded. */
export function retryDelayMs(retryAfter: string | null | undefined): number {
  const seconds = retryAfter && /^\d{1,5}$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
  if (seconds === null) return DEFAULT_RETRY_MS;
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, seconds * 1000));
}
