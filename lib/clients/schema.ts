import "server-only";
import { z } from "zod";
import { identitySchema } from "@/lib/vault/schema";

// The zod schemas at the clients boundary.

export const labelSchema = z
  .string()
  .trim()
  .max(60, "Keep the label under 60 characters.")
  .optional()
  .transform((v) => (v ? v : null));

export const newClientSchema = z.object({
  label: labelSchema,
  /** Identity is optional at creation; it goes straight to the vault. */
  identity: identitySchema.optional(),
  /** The member saw that the label looks like a name and chose to keep it. */
  keepLabel: z.boolean().optional().default(false),
});

export const caseloadQuerySchema = z.object({
  q: z.string().trim().max(60).optional().default(""),
  status: z.enum(["active", "discharged"]).optional().default("active"),
});
