import { describe, expect, it } from "vitest";
import { composeReminder } from "./message";

const facts = {
  practiceName: "Riverside Therapy",
  startsAt: new Date("2026-07-14T09:00:00Z"),
  endsAt: new Date("2026-07-14T09:50:00Z"),
  timeZone: "Europe/London",
  room: "Room 2",
  online: false,
  portalUrl: "https://confide.example/portal",
};

describe("composeReminder", () => {
  it("says when in the practice's zone, where, and how to cancel", () => {
    const email = composeReminder("client@example.test", facts);
    expect(email.to).toBe("client@example.test");
    expect(email.subject).toBe("Appointment reminder from Riverside Therapy");
    expect(email.text).toContain("Tuesday 14 July 2026, 10:00 to 10:50 BST (Europe/London time)");
    expect(email.text).toContain("At the practice, Room 2.");
    expect(email.text).toContain("please contact the practice");
    expect(email.text).toContain("https://confide.example/portal");
  });

  it("says online without putting a meeting link in the email", () => {
    const email = composeReminder("client@example.test", { ...facts, room: null, online: true });
    expect(email.text).toContain("Online. Join with the link your practice gave you");
    expect(email.text).not.toMatch(/https?:\/\/(?!confide\.example\/portal)/);
  });

  it("keeps a practice name's line breaks out of the subject", () => {
    expect(composeReminder("a@b.test", { ...facts, practiceName: "Evil\r\nBcc: x@y.test" }).subject).toBe("Appointment reminder from Evil Bcc: x@y.test");
  });
});
