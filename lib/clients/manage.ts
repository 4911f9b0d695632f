import "server-only";
import { memberActor } from "@/lib/audit/actor";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden } from "@/lib/http/errors";
import { labelLooksLikeAName } from "@/lib/vault/label-looks-like-a-name";
import type { ClientAccess } from "./access";

// What the client-management operations share: the audit event's common fields, the manage
// check, and the hint about labels that look like names.

export const clientAuditBase = (actor: Actor, context: AuditContext) => ({ practiceId: actor.practiceId, actor: memberActor(actor), context });

export function requireManage(access: ClientAccess) {
  if (!access.canManage) throw forbidden();
}

/** Words a label shares with names: what the therapist is told before such a label is saved. */
export async function labelWarning(practiceId: string, label: string | null, ownName?: string): Promise<string | null> {
  if (!label) return null;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const own = ownName ? words(ownName) : [];
  if (words(label).some((w) => own.includes(w)) || (await labelLooksLikeAName(practiceId, label))) {
    return "The label shares a word with a client's name. Labels are shown in lists and calendars: choose one that identifies no one (e.g. \"Tuesday 10am\").";
  }
  return null;
}

/**
 * A label that looks like a name is saved only when the member has seen the warning and chosen
 * to keep it (`keep`): otherwise a 422 carrying the warning, and nothing is saved.
 */
export async function checkLabel(practiceId: string, label: string | null, keep: boolean, ownName?: string) {
  const warning = await labelWarning(practiceId, label, ownName);
  if (warning && !keep) throw new AppError(LABEL_LOOKS_LIKE_A_NAME, warning, 422);
  return warning;
}

export const LABEL_LOOKS_LIKE_A_NAME = "label_looks_like_a_name";
