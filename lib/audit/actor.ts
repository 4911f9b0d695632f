import type { Actor } from "@/lib/auth/current";

/** How a signed-in member appears as the actor of an audit event. */
export const memberActor = (actor: Actor) => ({ type: "USER" as const, id: actor.userId, role: actor.role });
