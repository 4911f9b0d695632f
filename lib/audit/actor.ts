import type { AccountHolder } from "@/lib/auth/actor";
import type { AuditContext } from "./schema";

/** How a signed-in member (or operator) appears as the actor of an audit event. */
export const memberActor = (actor: Pick<AccountHolder, "userId" | "role">) => ({ type: "USER" as const, id: actor.userId, role: actor.role });

/** Who and where, for an event a signed-in member causes in their practice: spread into recordAudit's input. */
export const memberEvent = (actor: Pick<AccountHolder, "userId" | "role" | "practiceId">, context: AuditContext) => ({
  practiceId: actor.practiceId,
  actor: memberActor(actor),
  context,
});
