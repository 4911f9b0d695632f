import { describe, expect, it } from "vitest";
import { mayRemoveClinician, takesBookings } from "./client-rules";
import { revealReasonsFor } from "./reveal";

describe("client screen rules", () => {
  it("books appointments for active clients only", () => {
    expect(takesBookings({ status: "ACTIVE" })).toBe(true);
    expect(takesBookings({ status: "DISCHARGED" })).toBe(false);
  });

  it("offers to remove a clinician only while another stays, and only to those who manage the client", () => {
    expect(mayRemoveClinician({ canManage: true }, 2)).toBe(true);
    expect(mayRemoveClinician({ canManage: true }, 1)).toBe(false);
    expect(mayRemoveClinician({ canManage: false }, 3)).toBe(false);
  });

  it("offers a contact-only reveal the contact and scheduling reasons, a full reveal every reason", () => {
    expect(revealReasonsFor("contact").map(([r]) => r)).toEqual(["contact", "scheduling"]);
    expect(revealReasonsFor("full").map(([r]) => r)).toEqual(["contact", "scheduling", "safeguarding", "billing", "referral", "legal"]);
  });
});
