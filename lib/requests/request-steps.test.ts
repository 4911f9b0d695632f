import { describe, expect, it } from "vitest";
import { reviewOpensNotes } from "./harm-review";
import { requestStepsFor } from "./request-steps";

const request = (over: Partial<Parameters<typeof requestStepsFor>[1]> = {}) => ({
  status: "OPEN" as const,
  kind: "ACCESS" as const,
  clientId: "c1",
  clientCode: "K7Q4MX2PB9XD",
  extendedDueOn: null,
  harmReviewAt: null,
  ...over,
});
const owner = { role: "OWNER" as const };
const therapist = { role: "THERAPIST" as const };

describe("request steps", () => {
  it("offers an owner the access steps, the copy only once the review is recorded", () => {
    expect(requestStepsFor(owner, request())).toMatchObject({ harmReview: true, sendCopy: true, copyReady: false, refuse: true, extend: true, assign: true, erase: false, complete: false, link: false });
    expect(requestStepsFor(owner, request({ harmReviewAt: new Date() })).copyReady).toBe(true);
  });

  it("offers an assigned therapist the review and nothing an owner decides", () => {
    expect(requestStepsFor(therapist, request())).toMatchObject({ harmReview: true, sendCopy: false, refuse: false, extend: false, assign: false });
  });

  it("offers nothing on a closed request", () => {
    const steps = requestStepsFor(owner, request({ status: "COMPLETED" }));
    expect(Object.entries(steps).filter(([k, v]) => k !== "copyReady" && v)).toEqual([]);
  });

  it("links only a request from the public form that is not yet tied to a client", () => {
    expect(requestStepsFor(owner, request({ clientId: null, clientCode: null })).link).toBe(true);
    expect(requestStepsFor(owner, request({ clientId: null })).link).toBe(false);
  });

  it("erases only for a current client, completes rectification and objection, and extends once", () => {
    expect(requestStepsFor(owner, request({ kind: "ERASURE" })).erase).toBe(true);
    expect(requestStepsFor(owner, request({ kind: "ERASURE", clientId: null })).erase).toBe(false);
    expect(requestStepsFor(owner, request({ kind: "OBJECTION" })).complete).toBe(true);
    expect(requestStepsFor(owner, request({ extendedDueOn: new Date() })).extend).toBe(false);
  });
});

describe("the serious-harm review screen", () => {
  it("opens the notes to an assigned clinician, and to an unassigned owner only with a reason from the list", () => {
    expect(reviewOpensNotes("assigned", undefined)).toBe(true);
    expect(reviewOpensNotes("owner_with_reason", undefined)).toBe(false);
    expect(reviewOpensNotes("owner_with_reason", "curiosity")).toBe(false);
    expect(reviewOpensNotes("owner_with_reason", ["second_opinion"])).toBe(false);
    expect(reviewOpensNotes("owner_with_reason", "second_opinion")).toBe(true);
    expect(reviewOpensNotes(null, "second_opinion")).toBe(false);
  });
});
