import { z } from "zod";
import { auditActionNames } from "./actions";

/** The chain for events that belong to no practice (e.g. a sign-in for an unknown email). */
export const PLATFORM_CHAIN = "platform";

// Details are small and flat, and hold ids, codes, counts and flags: never names, emails, note
// text or secrets. Keys that suggest otherwise are refused outright.
const FORBIDDEN_DETAIL_KEY = /name|email|phone|address|birth|dob|password|secret|token|content|text|body|note/i;

export const auditDetailsSchema = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number().int(), z.boolean(), z.null()]))
  .refine((d) => Object.keys(d).length <= 12, "at most 12 detail fields")
  .refine((d) => !Object.keys(d).some((k) => FORBIDDEN_DETAIL_KEY.test(k)), "detail keys must not suggest personal data");

export const auditEventInputSchema = z.object({
  practiceId: z.uuid().nullable(),
  actor: z.object({
    type: z.enum(["USER", "CLIENT", "SYSTEM"]),
    id: z.string().max(64).nullable(),
    role: z.string().max(32).nullable(),
  }),
  action: z.enum(auditActionNames as [string, ...string[]]),
  target: z.object({ type: z.string().max(32), id: z.string().max(64) }).nullable(),
  outcome: z.enum(["SUCCESS", "DENIED", "FAILED"]),
  details: auditDetailsSchema.default({}),
  context: z
    .object({
      requestId: z.string().max(64).nullable(),
      ip: z.string().max(64).nullable(),
      userAgent: z.string().max(300).nullable(),
    })
    .default({ requestId: null, ip: null, userAgent: null }),
});

export type AuditEventInput = z.input<typeof auditEventInputSchema>;
export type AuditContext = NonNullable<AuditEventInput["context"]>;
