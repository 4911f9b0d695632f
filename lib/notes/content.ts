import "server-only";
import { createHash } from "node:crypto";
import { normaliseSections, type NoteLayout, type Sections, type TemplateId } from "./templates";

// How note content is stored: sealed with AES-256-GCM (lib/crypto/envelope) under the client's
// notes data key, each ciphertext bound to its row by these associated data strings.

export const noteAad = (id: string) => `note:${id}`;
export const versionAad = (id: string) => `note-version:${id}`;
export const addendumAad = (id: string) => `addendum:${id}`;

export const contentJson = (layout: TemplateId | NoteLayout, sections: Sections) => JSON.stringify({ sections: normaliseSections(layout, sections) });
export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();
