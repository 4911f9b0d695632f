import { describe, expect, it } from "vitest";
import { noteIsEditable, noteIsSignable, noteTakesAddenda } from "./note-rules";

describe("note rules", () => {
  it("lets only the author edit a draft", () => {
    expect(noteIsEditable({ status: "DRAFT", mine: true })).toBe(true);
    expect(noteIsEditable({ status: "DRAFT", mine: false })).toBe(false);
  });

  it("never lets a signed note be edited, even by its author", () => {
    expect(noteIsEditable({ status: "SIGNED", mine: true })).toBe(false);
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
