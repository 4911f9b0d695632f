import type { Client } from "@/lib/generated/prisma/client";
import type { ClientAccess } from "./access";

// What the client screen offers, asked of lib rather than worked out in the page.

/** Appointments are booked for clients on the active caseload only (booking lists only those). */
export const takesBookings = (client: Pick<Client, "status">) => client.status === "ACTIVE";

/** A client always keeps at least one clinician: one is removed only while another stays (unassignClinician refuses the last). */
export const mayRemoveClinician = (access: Pick<ClientAccess, "canManage">, assignedCount: number) => access.canManage && assignedCount > 1;
