import "server-only";
import { z } from "zod";
import { templateChoiceSchema } from "./practice-template-rules";

// The zod schemas at the notes boundary.

export const MAX_SECTION = 50_000;

export const newNoteSchema = z.object({
  /** A built-in template's id, or one of the practice's templates by id. */
  template: templateChoiceSchema,
  kind: z.enum(["CLINICAL", "PROCESS"]).default("CLINICAL"),
  sessionDate: z.iso.date({ message: "Enter the session date." }),
  /** Links the note to one of this client's appointments (one note per appointment). */
  appointmentId: z.uuid().optional(),
});

export const saveSchema = z.object({
  baseRevision: z.number().int().min(0),
  sections: z.record(z.string().max(40), z.string().max(MAX_SECTION, `A section can hold up to ${MAX_SECTION.toLocaleString("en-GB")} characters.`)),
});

export const signSchema = z.object({ baseRevision: z.coerce.number().int().min(0) });

export const addendumSchema = z.object({
  text: z.string().trim().min(1, "Write the addendum first.").max(MAX_SECTION, "That addendum is too long."),
});
