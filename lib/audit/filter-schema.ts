import { z } from "zod";
import { auditActionNames } from "./actions";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The review screen's filters, as they arrive in the URL or an export request. */
export const auditFilterSchema = z.object({
  from: optional(z.iso.date({ message: "Use a date like 2026-05-03." })),
  to: optional(z.iso.date({ message: "Use a date like 2026-05-03." })),
  actor: optional(z.uuid({ message: "Choose a member from the list." })),
  action: optional(z.enum(auditActionNames as [string, ...string[]], { message: "Choose an action from the list." })),
  target: optional(z.string().trim().max(64)),
  outcome: optional(z.enum(["SUCCESS", "DENIED", "FAILED"])),
  cursor: optional(z.string().regex(/^\d{13}_\d+$/, "That page link is not valid.")),
});
