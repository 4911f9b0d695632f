import type { AccountHolder } from "@/lib/auth/current";

/** How a signed-in member (or operator) appears as the actor of an audit event. */
export const memberActor = (actor: Pick<AccountHolder, "userId" | "role">) => ({ type: "USER" as const, id: actor.userId, role: actor.role });
