import { describe, expect, it } from "vitest";
import { changesSince, FIRST_VISIT_LOOKBACK_DAYS, homeSections, isOverdue, noteActionFor } from "./rules";

describe("the home page's rules", () => {
  it("measures changes from the previous look, or a week back on the first", () => {
    const now = new Date("2026-11-29T09:00:00Z");
    const previous = new Date("2026-11-28T17:30:00Z");
    expect(changesSince(previous, now)).toEqual(previous);
    expect(changesSince(null, now)).toEqual(new Date(now.getTime() - FIRST_VISIT_LOOKBACK_DAYS * 86_400_000));
  });

  it("offers one note action per appointment: open the note, start it, or none for someone not writing its notes", () => {
    const base = { id: "a1", clientCode: "ABCD-EFGH-JKMN", mayWriteNotes: true };
    expect(noteActionFor({ ...base, noteId: "n1" })).toEqual({ label: "Open note", href: "/clients/ABCD-EFGH-JKMN/notes/n1" });
    expect(noteActionFor({ ...base, noteId: null })).toEqual({ label: "Start note", href: "/schedule/a1/note" });
    expect(noteActionFor({ ...base, noteId: "n1", mayWriteNotes: false })).toBeNull();
  });

  it("calls a request overdue only once its due day has passed", () => {
    expect(isOverdue(new Date("2026-11-28T00:00:00Z"), "2026-11-29")).toBe(true);
    expect(isOverdue(new Date("2026-11-29T00:00:00Z"), "2026-11-29")).toBe(false);
  });

  it("shows clinicians their day, owners and managers the practice's, and requests to owners only", () => {
    expect(homeSections("THERAPIST")).toEqual({ myDay: true, practiceDay: false, requests: false });
    expect(homeSections("OWNER")).toEqual({ myDay: true, practiceDay: true, requests: true });
    expect(homeSections("MANAGER")).toEqual({ myDay: false, practiceDay: true, requests: false });
  });
});
