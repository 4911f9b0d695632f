import { describe, expect, it } from "vitest";
import { discardKeepsHistory, noteIsDiscardable, noteIsEditable, noteIsSignable, noteTakesAddenda } from "./note-rules";

const draft = { status: "DRAFT" as const, mine: true, discardedAt: null };

describe("note rules", () => {
  it("lets only the author edit a draft", () => {
    expect(noteIsEditable(draft)).toBe(true);
    expect(noteIsEditable({ ...draft, mine: false })).toBe(false);
  });

  it("never lets a signed note be edited, even by its author", () => {
    expect(noteIsEditable({ ...draft, status: "SIGNED" })).toBe(false);
  });

  it("never lets a discarded draft be edited again", () => {
    expect(noteIsEditable({ ...draft, discardedAt: new Date() })).toBe(false);
  });

  it("lets only the author discard, and only an unsigned draft", () => {
    expect(noteIsDiscardable(draft)).toBe(true);
    expect(noteIsDiscardable({ ...draft, mine: false })).toBe(false);
    expect(noteIsDiscardable({ ...draft, status: "SIGNED" })).toBe(false);
    expect(noteIsDiscardable({ ...draft, discardedAt: new Date() })).toBe(false);
  });

  it("keeps a discarded draft as history once it, or any saved version of it, held text", () => {
    expect(discardKeepsHistory({ wordCount: 0 }, [])).toBe(false);
    expect(discardKeepsHistory({ wordCount: 0 }, [{ wordCount: 0 }])).toBe(false);
    expect(discardKeepsHistory({ wordCount: 3 }, [])).toBe(true);
    expect(discardKeepsHistory({ wordCount: 0 }, [{ wordCount: 0 }, { wordCount: 12 }])).toBe(true);
  });

  it("signs clinical notes and never process notes", () => {
    expect(noteIsSignable({ kind: "CLINICAL" })).toBe(true);
    expect(noteIsSignable({ kind: "PROCESS" })).toBe(false);
  });

  it("takes addenda on signed notes only", () => {
    expect(noteTakesAddenda({ status: "SIGNED" })).toBe(true);
    expect(noteTakesAddenda({ status: "DRAFT" })).toBe(false);
  });
});
