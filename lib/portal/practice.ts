import "server-only";
import { db } from "@/lib/db/client";
import type { PortalClient } from "./session";

/** The client's practice as the portal shows it: its name (for the heading) and time zone (for times). */
export async function portalPractice(portal: PortalClient): Promise<{ name: string; timeZone: string }> {
  return db().practice.findUniqueOrThrow({ where: { id: portal.practiceId }, select: { name: true, timeZone: true } });
}
