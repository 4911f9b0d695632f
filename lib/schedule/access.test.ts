import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { appointmentChanges, scheduleFilter } from "./access";

const member = (role: Actor["role"]) => ({ role, membershipId: "m-1" }) as Actor;

describe("appointmentChanges", () => {
  it("lets a scheduled appointment move, be cancelled, or get either outcome", () => {
    expect(appointmentChanges("SCHEDULED")).toEqual({ move: true, cancel: true, recordOutcome: true, outcomes: ["ATTENDED", "DID_NOT_ATTEND"] });
  });

  it("lets an attended appointment be corrected to did-not-attend, but not moved or cancelled", () => {
    expect(appointmentChanges("ATTENDED")).toEqual({ move: false, cancel: false, recordOutcome: true, outcomes: ["DID_NOT_ATTEND"] });
    expect(appointmentChanges("DID_NOT_ATTEND").outcomes).toEqual(["ATTENDED"]);
  });

  it("offers nothing on a cancelled appointment", () => {
    for (const status of ["CANCELLED_BY_CLIENT", "CANCELLED_LATE", "CANCELLED_BY_PRACTICE"] as const) {
      expect(appointmentChanges(status)).toEqual({ move: false, cancel: false, recordOutcome: false, outcomes: [] });
    }
  });
});

describe("scheduleFilter", () => {
  it("shows a therapist their own diary by default, and owners and managers the whole practice", () => {
    expect(scheduleFilter(member("THERAPIST"), undefined)).toMatchObject({ wholePractice: false, chosen: "mine", clinicianId: "m-1", ownDiary: true });
    expect(scheduleFilter(member("OWNER"), undefined)).toMatchObject({ wholePractice: true, chosen: "all", clinicianId: null, ownDiary: true });
    expect(scheduleFilter(member("MANAGER"), undefined)).toMatchObject({ wholePractice: true, chosen: "all", clinicianId: null, ownDiary: false });
  });

  it("narrows to the clinician chosen", () => {
    expect(scheduleFilter(member("OWNER"), "m-2").clinicianId).toBe("m-2");
    expect(scheduleFilter(member("OWNER"), "mine").clinicianId).toBe("m-1");
  });
});
