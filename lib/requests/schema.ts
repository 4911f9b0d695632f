import "server-only";
import { z } from "zod";

// The zod schemas at the requests boundary.

export const submitSchema = z.object({
  kind: z.enum(["ACCESS", "RECTIFICATION", "ERASURE", "OBJECTION"], { message: "Choose what you would like." }),
  details: z.string().trim().max(5000, "Please keep this under 5,000 characters.").optional().default(""),
  /** "yes" once the client has read what erasure means (required for ERASURE, checked in submitRequest). */
  confirmErasure: z.string().max(10).optional(),
});
