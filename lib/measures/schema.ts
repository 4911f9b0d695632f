import { z } from "zod";
import { MEASURE_IDS, MEASURES, maxOption, type MeasureId } from "./definitions";

// The measures domain's boundary: what a form may send.

export const measureIdSchema = z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]], { error: "Choose a measure." });

export const assignMeasureSchema = z.object({
  measure: measureIdSchema,
  schedule: z.enum(["ONCE", "EVERY_SESSION"], { error: "Choose when the client answers." }),
});

/** Answers from a form: fields item1..itemN, each an option index or absent (left out). */
export function answersFromFields(measure: MeasureId, fields: Record<string, unknown>): (number | null)[] {
  const m = MEASURES[measure];
  return m.items.map((_, i) => {
    const raw = fields[`item${i + 1}`];
    if (raw === undefined || raw === null || raw === "") return null;
    const value = typeof raw === "string" && /^\d$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 0 && value <= maxOption(m))) throw new z.ZodError([{ code: "custom", path: [`item${i + 1}`], message: "That answer is not one of the choices.", input: raw }]);
    return value;
  });
}

export const crisisTextSchema = z.object({
  text: z.string().trim().max(2000, "Keep it under 2,000 characters."),
});
