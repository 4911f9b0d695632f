import "server-only";
import { db } from "@/lib/db/client";
import type { ClientAccess } from "./access";

/** The clinicians assigned to a client the caller may see (from findClientFor), with their names. */
export async function listAssignedClinicians(access: Pick<ClientAccess, "client">) {
  return db().clientAssignment.findMany({
    where: { clientId: access.client.id },
    select: { membershipId: true, membership: { select: { user: { select: { displayName: true } } } } },
  });
}
