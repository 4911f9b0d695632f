import "server-only";
import type { DataRequest } from "@/lib/generated/prisma/client";

// Data-subject requests: submitted by a client from the portal, handled by the practice's
// owners within the statutory deadline, every step audited and visible to the client.

export const REQUEST_KINDS = {
  ACCESS: { title: "A copy of my data", verb: "see everything the practice holds about you" },
  RECTIFICATION: { title: "Correct something", verb: "have something wrong put right" },
  ERASURE: { title: "Delete my data", verb: "have your data deleted" },
  OBJECTION: { title: "Object or restrict", verb: "stop or limit how your data is used" },
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

/** The date a request is due by: the extended date once extended, else the statutory one. */
export const effectiveDue = (r: Pick<DataRequest, "dueOn" | "extendedDueOn">) => r.extendedDueOn ?? r.dueOn;

/** A request's status as screens show it: capitalised, like every other status in Confide. */
export const REQUEST_STATUS_LABEL: Record<DataRequest["status"], string> = {
  OPEN: "Open",
  COMPLETED: "Completed",
  REFUSED: "Refused",
  PARTLY_REFUSED: "Partly refused",
  WITHDRAWN: "Withdrawn",
};
