import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { sessionCookieName } from "./options";
import { loadActiveSession } from "./sessions";

export type MemberRole = "OWNER" | "THERAPIST" | "MANAGER";

export interface Actor {
  sessionId: string;
  userId: string;
  displayName: string;
  membershipId: string;
  role: MemberRole;
  practiceId: string;
  practiceName: string;
}

/** The signed-in member for this request, or null. Checks the Session row every time. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: config().AUTH_SECRET }).catch(() => null);
  if (typeof token?.sid !== "string") return null;
  const session = await loadActiveSession(token.sid);
  if (!session?.membership) return null;
  return {
    sessionId: session.id,
    userId: session.userId,
    displayName: session.user.displayName,
    membershipId: session.membership.id,
    role: session.membership.role,
    practiceId: session.membership.practiceId,
    practiceName: session.membership.practice.name,
  };
});

/** For pages and actions behind sign-in: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
