import { z } from "zod";

export const SUSPENSION_REASONS = ["BILLING", "ABUSE", "SECURITY", "REQUESTED", "OTHER"] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** How each reason reads on the platform screens. */
export const suspensionReasonLabel: Record<SuspensionReason, string> = {
  BILLING: "Unpaid or billing problem",
  ABUSE: "Misuse of the service",
  SECURITY: "Security concern (e.g. a compromised account)",
  REQUESTED: "The practice asked for it",
  OTHER: "Another reason (explain in the note)",
};

export const practiceIdSchema = z.uuid({ message: "That practice could not be found." });

export const suspendPracticeSchema = z
  .object({
    practiceId: practiceIdSchema,
    reason: z.enum(SUSPENSION_REASONS, { message: "Choose why you are suspending this practice." }),
    note: z.string().trim().max(500, "Keep the note to 500 characters.").optional().default(""),
  })
  .refine((v) => v.reason !== "OTHER" || v.note.length > 0, { path: ["note"], message: "Say why in the note when the reason is 'another reason'." });

export const listPracticesSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
