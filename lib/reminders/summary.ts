import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { visibleClientsWhere } from "@/lib/clients/access";

/** Counts for the reminders page: outcomes of the last 30 days and how many clients opted in. */
export async function reminderSummary(actor: Actor, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [byStatus, optedIn] = await Promise.all([
    db().appointmentReminder.groupBy({ by: ["status"], where: { practiceId: actor.practiceId, claimedAt: { gte: since } }, _count: { _all: true } }),
    db().client.count({ where: { ...visibleClientsWhere(actor), status: "ACTIVE", remindersOptedInAt: { not: null } } }),
  ]);
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  // A therapist counts only their own clients (the ones they see); others count the practice.
  return { sent: count("SENT"), failed: count("FAILED"), skipped: count("SKIPPED"), optedIn, optedInScope: actor.role === "THERAPIST" ? ("own" as const) : ("practice" as const) };
}
