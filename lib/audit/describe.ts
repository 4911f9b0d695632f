import { AUDIT_ACTIONS, isAuditAction } from "./actions";

const roleWords: Record<string, string> = { OWNER: "the owner", THERAPIST: "a therapist", MANAGER: "the practice manager" };

/** "Dr A. Jones revealed the identity of client K7Q-4MX" — plain words for one event. */
export function describeAuditEvent(
  e: { actorType: string; actorId: string | null; actorRole: string | null; action: string; targetType: string | null; targetId: string | null; outcome: string },
  memberName: (userId: string) => string | undefined,
): string {
  const who =
    e.actorType === "SYSTEM"
      ? "Confide"
      : e.actorType === "CLIENT"
        ? // The portal records the client's code as the actor; the public request form, no one.
          e.actorId && e.actorId !== "unknown" ? `Client ${e.actorId}` : "Someone without an account"
        : (e.actorId && memberName(e.actorId)) ?? (e.actorRole ? `Someone (${roleWords[e.actorRole] ?? e.actorRole})` : "Someone with no account");
  const verb = isAuditAction(e.action) ? AUDIT_ACTIONS[e.action].past : e.action;
  // A client acting on their own record is named once, not again as the target.
  const ownRecord = e.actorType === "CLIENT" && e.targetId === e.actorId;
  const target = e.targetType === "client" && e.targetId && !ownRecord ? ` of client ${e.targetId}` : "";
  const outcome = e.outcome === "DENIED" ? " (refused: no access)" : "";
  return `${who} ${verb}${target}${outcome}`;
}
