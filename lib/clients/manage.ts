import "server-only";
import { memberActor } from "@/lib/audit/actor";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/http/errors";
import { labelLooksLikeAName } from "@/lib/vault/label-looks-like-a-name";
import type { ClientAccess } from "./access";

// What the client-management operations share: the audit event's common fields, the manage
// check, and the hint about labels that look like names.

export const clientAuditBase = (actor: Actor, context: AuditContext) => ({ practiceId: actor.practiceId, actor: memberActor(actor), context });

export function requireManage(access: ClientAccess) {
  if (!access.canManage) throw forbidden();
}

/** Words a label shares with names: a hint for the therapist, never a block. */
export async function labelWarning(practiceId: string, label: string | null, ownName?: string): Promise<string | null> {
  if (!label) return null;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const own = ownName ? words(ownName) : [];
  if (words(label).some((w) => own.includes(w)) || (await labelLooksLikeAName(practiceId, label))) {
    return "The label shares a word with a client's name. Labels are shown in lists and calendars: choose one that identifies no one (e.g. \"Tuesday 10am\").";
  }
  return null;
}
