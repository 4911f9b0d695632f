import "server-only";
import { clientEventIds } from "@/lib/audit/client-events";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { latestWithheldNoteIds } from "@/lib/requests/harm-review";
import { clientActor, type PortalClient } from "./session";

// "Who has looked at my record": the audit events about this client, in plain words, with
// the role of who did it (never a staff member's name, never any content). Events about a note
// the latest serious-harm review withheld are left out, as they are from the client's copy.
// The events are found the way the audit review finds them (lib/audit/client-events.ts), so
// what the practice did with the client's requests is there too.

const WHO: Record<string, string> = { THERAPIST: "your therapist", OWNER: "the practice owner", MANAGER: "the practice manager" };
const WHAT: Partial<Record<string, string>> = {
  "client.created": "created your record",
  "client.viewed": "opened your record",
  "client.label_changed": "changed the label on your record",
  "client.assigned": "gave another clinician access to your record",
  "client.unassigned": "removed a clinician's access to your record",
  "client.discharged": "closed your record (discharged)",
  "client.reopened": "reopened your record",
  "identity.recorded": "updated your personal details",
  "identity.revealed": "looked at your name and contact details",
  "note.created": "started a session note",
  "note.read": "read a session note",
  "note.saved": "wrote in a session note",
  "note.signed": "signed a session note",
  "note.addendum_added": "added to a session note",
  "note.version_read": "looked at an earlier version of a session note",
  "portal.access_issued": "gave you a new portal PIN",
  "reflection.read": "read the reflections you shared",
  "request.viewed": "opened one of your requests",
  "request.assigned": "passed one of your requests to a clinician",
  "request.extended": "extended the time to answer one of your requests",
  "request.export_prepared": "prepared a copy of your data",
  "request.completed": "completed one of your requests",
  "request.refused": "answered one of your requests",
  "statement.generated": "prepared a statement of your appointments and fees",
  "client.included_in_export": "included your record in a copy of the whole practice's records",
};

// A note read for the serious-harm review of the client's access request says so.
const FOR_REVIEW = "read a session note to review your request for a copy of your data";
const forReview = (details: unknown) => typeof details === "object" && details !== null && typeof (details as { request?: unknown }).request === "string";

export async function recordHistory(portal: PortalClient, context: AuditContext) {
  const events = await db().auditEvent.findMany({
    where: {
      practiceId: portal.practiceId,
      actorType: "USER",
      id: { in: await clientEventIds(portal.practiceId, portal.code) },
    },
    orderBy: { id: "desc" },
    take: 200,
    select: { id: true, occurredAt: true, actorRole: true, action: true, targetType: true, targetId: true, details: true },
  });
  const withheld = await latestWithheldNoteIds(portal.clientId);
  await recordAudit(db(), { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "portal.history_viewed", target: { type: "client", id: portal.code }, outcome: "SUCCESS", context });
  // Autosaves come in runs: show one line per person, action and day.
  const seen = new Set<string>();
  const lines: { id: string; at: Date; text: string }[] = [];
  for (const e of events) {
    const what = e.action === "note.read" && forReview(e.details) ? FOR_REVIEW : WHAT[e.action];
    if (!what || (e.targetType === "note" && e.targetId && withheld.has(e.targetId))) continue;
    const who = WHO[e.actorRole ?? ""] ?? "someone at the practice";
    const key = `${who}|${what}|${e.occurredAt.toISOString().slice(0, 10)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ id: e.id.toString(), at: e.occurredAt, text: `${who[0]!.toUpperCase()}${who.slice(1)} ${what}` });
  }
  return lines;
}
