import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { IDENTITY_FIELDS, type Identity } from "@/lib/vault/schema";
import { readIdentity } from "@/lib/vault/read-identity";
import { findClientFor, type ClientAccess } from "./access";

// Revealing identity is deliberate: an assigned clinician (or, where the owner allows it, a
// practice manager, for contact details only) gives a reason, has stepped up recently, and sees
// the identity for a limited time. Every reveal is audited with its reason.

export const REVEAL_REASONS = {
  contact: "Contacting the client",
  scheduling: "Arranging appointments",
  safeguarding: "Safeguarding concern",
  billing: "Billing or invoicing",
  referral: "Referral or letter to another professional",
  legal: "Legal or regulatory obligation",
} as const;
export type RevealReason = keyof typeof REVEAL_REASONS;

export const REVEAL_SECONDS = 120;

const revealSchema = z.object({
  reason: z.enum(Object.keys(REVEAL_REASONS) as [RevealReason, ...RevealReason[]], { message: "Choose a reason for revealing the identity." }),
});

export type RevealScope = "full" | "contact";

// Contact details (a practice manager's scope) are revealed only to reach the client or book them.
const CONTACT_REASONS: readonly RevealReason[] = ["contact", "scheduling"];

/** The reasons a reveal of this scope may give, with their labels, in the order offered. */
export function revealReasonsFor(scope: RevealScope): [RevealReason, string][] {
  return (Object.entries(REVEAL_REASONS) as [RevealReason, string][]).filter(([reason]) => scope === "full" || CONTACT_REASONS.includes(reason));
}

/** Whether and how much this actor may reveal for a client (null: not at all). */
export async function revealScope(actor: Actor, assigned: boolean): Promise<RevealScope | null> {
  if (assigned && (actor.role === "OWNER" || actor.role === "THERAPIST")) return "full";
  if (actor.role === "MANAGER") {
    const practice = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { managersMayRevealContact: true } });
    return practice.managersMayRevealContact ? "contact" : null;
  }
  return null;
}

/** The reveal scope for this client, or a recorded refusal (403) when the actor may not reveal. */
export async function requireRevealScope(actor: Actor, access: ClientAccess, context: AuditContext, purpose?: "statement"): Promise<RevealScope> {
  const scope = await revealScope(actor, access.assigned);
  if (scope) return scope;
  await recordAudit(db(), {
    practiceId: actor.practiceId,
    actor: memberActor(actor),
    target: { type: "client", id: access.client.code },
    context,
    action: "identity.reveal_denied",
    outcome: "DENIED",
    details: purpose ? { reason: "not_permitted", purpose } : { reason: "not_permitted" },
  });
  throw new AppError("reveal_not_permitted", "Only clinicians assigned to this client can see who they are.", 403);
}

export async function revealIdentity(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  const target = { type: "client", id: access.client.code };
  const base = { practiceId: actor.practiceId, actor: memberActor(actor), target, context };
  const scope = await requireRevealScope(actor, access, context);
  const { reason } = revealSchema.parse(input);
  if (!revealReasonsFor(scope).some(([r]) => r === reason)) {
    throw new AppError("reveal_reason_not_permitted", "Contact details are revealed only to contact the client or arrange appointments. Choose one of those reasons.", 400);
  }
  assertSteppedUp(actor);
  const identity = await readIdentity({ id: access.client.id, practiceId: actor.practiceId }).catch(async () => {
    // The vault (a separate database or role) is unreachable: clinical records still work, the
    // reveal fails clearly, and the attempt stays on the trail as failed.
    await recordAudit(db(), { ...base, action: "identity.revealed", outcome: "FAILED", details: { reason, scope, failure: "vault_unavailable" } });
    throw new AppError("vault_unavailable", "Identity details cannot be reached right now. Clinical records still work; try again in a few minutes.", 503);
  });
  await recordAudit(db(), { ...base, action: "identity.revealed", outcome: "SUCCESS", details: { reason, scope, recorded: identity !== null } });
  if (!identity) return { fields: [], expiresAt: null };
  const fields = IDENTITY_FIELDS.filter((f) => (scope === "full" || f.contact) && identity[f.key]).map((f) => ({
    label: f.label,
    value: identity[f.key as keyof Identity]!,
  }));
  return { fields, expiresAt: new Date(Date.now() + REVEAL_SECONDS * 1000).toISOString() };
}

/** The current identity for the edit form: assigned clinicians, stepped up; recorded as a reveal. */
export async function identityForEditing(actor: Actor, code: string, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!access.canReadNotes) throw new AppError("not_found", "That client could not be found.", 404);
  assertSteppedUp(actor);
  const identity = await readIdentity({ id: access.client.id, practiceId: actor.practiceId });
  if (identity) {
    await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "identity.revealed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", context, details: { reason: "update", scope: "full", recorded: true } });
  }
  return { client: access.client, identity };
}
