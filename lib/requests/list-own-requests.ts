import "server-only";
import { db } from "@/lib/db/client";
import type { PortalClient } from "@/lib/portal/session";

/** The client's own requests, newest first, for the portal (with any export ready to collect). */
export async function listOwnRequests(portal: PortalClient) {
  return db().dataRequest.findMany({
    where: { clientId: portal.clientId },
    orderBy: { receivedAt: "desc" },
    include: { exports: { where: { downloadedAt: null, expiresAt: { gt: new Date() } }, select: { id: true, expiresAt: true } } },
  });
}
