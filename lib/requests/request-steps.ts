import type { Actor } from "@/lib/auth/actor";
import type { DataRequest } from "@/lib/generated/prisma/client";

// What the request screens offer, asked of lib rather than worked out in the pages. The
// operations (requests.ts, harm-review.ts, access-copy.ts) refuse the same cases themselves.

/** The practice's request queue is the owner's; an assigned clinician sees only their request. */
export const handlesDataRequests = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

/** Access requests release health data, so a serious-harm review comes before the copy. */
export const needsHarmReview = (request: Pick<DataRequest, "kind">) => request.kind === "ACCESS";

type RequestState = Pick<DataRequest, "status" | "kind" | "clientId" | "clientCode" | "extendedDueOn" | "harmReviewAt">;

/** The steps this actor may take on this request now (all false once it is closed). */
export function requestStepsFor(actor: Pick<Actor, "role">, request: RequestState) {
  const open = request.status === "OPEN";
  const owner = open && handlesDataRequests(actor);
  return {
    /** A request from the public form not yet tied to a client: check who it is, then link it. */
    link: owner && !request.clientId && !request.clientCode,
    /** Hand the request to a clinician (who may then review it). */
    assign: owner,
    /** The serious-harm review panel (who may record it: reviewStanding). */
    harmReview: open && needsHarmReview(request),
    sendCopy: owner && needsHarmReview(request),
    /** The copy is made only once the serious-harm review is recorded. */
    copyReady: request.harmReviewAt !== null,
    complete: owner && (request.kind === "RECTIFICATION" || request.kind === "OBJECTION"),
    erase: owner && request.kind === "ERASURE" && request.clientId !== null,
    refuse: owner,
    /** The deadline is extended once, by two months. */
    extend: owner && !request.extendedDueOn,
  };
}
