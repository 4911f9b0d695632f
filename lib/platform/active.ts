import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { practiceIdSchema } from "./schema";

// What a suspension stops is decided here, once (docs/platform-administration.md, "Suspending"). A practice is active
// unless a platform operator suspended it. Everything that acts for a practice asks here: member
// and portal sign-ins and sessions, invitations, the public request form, private calendar feeds
// and calendar sync, reminder emails. Retention flagging and the audit jobs carry on: they send
// nothing and let no one in, and the records' clocks keep running while a practice is paused.

/** A Prisma filter for practices that are not suspended (for jobs that choose practices to work for). */
export const activePractice = { suspendedAt: null } as const;

export const practiceIsActive = (practice: { suspendedAt: Date | null }) => practice.suspendedAt === null;

/** What a suspended practice's clients and visitors are told: that it is paused, never why. */
export const practicePausedMessage = (practiceName: string) =>
  `${practiceName}'s account is paused at the moment, so you cannot use it here for now. Please contact the practice directly.`;

export const practicePaused = (practiceName: string) => new AppError("practice_paused", practicePausedMessage(practiceName), 403);

/** A practice by id (null if there is none, or the id is not one), with whether it is active. */
export async function findPracticeStatus(practiceId: string) {
  const id = practiceIdSchema.safeParse(practiceId);
  const practice = id.success ? await db().practice.findUnique({ where: { id: id.data }, select: { id: true, name: true, suspendedAt: true } }) : null;
  return practice ? { id: practice.id, name: practice.name, active: practiceIsActive(practice) } : null;
}

/** The practice's id and name, or a 404 when there is none and a 403 (paused) when it is suspended. */
export async function assertPracticeActive(practiceId: string): Promise<{ id: string; name: string }> {
  const practice = await findPracticeStatus(practiceId);
  if (!practice) throw notFound("That practice");
  if (!practice.active) throw practicePaused(practice.name);
  return { id: practice.id, name: practice.name };
}
