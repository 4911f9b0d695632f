import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { effectiveDue } from "./kinds";
import { requireOwner } from "./load-request";

/** The practice's queue: open requests by due date, then recently closed ones. */
export async function listPracticeRequests(actor: Actor) {
  requireOwner(actor);
  const [open, closed] = await Promise.all([
    db().dataRequest.findMany({ where: { practiceId: actor.practiceId, status: "OPEN" }, orderBy: [{ dueOn: "asc" }] }),
    db().dataRequest.findMany({ where: { practiceId: actor.practiceId, status: { not: "OPEN" } }, orderBy: { closedAt: "desc" }, take: 50 }),
  ]);
  return { open: open.sort((a, b) => effectiveDue(a).getTime() - effectiveDue(b).getTime()), closed };
}
