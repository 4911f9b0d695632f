import { z } from "zod";
import { auditActionNames, auditDetailsSchemaFor, isAuditAction, type AuditAction, type AuditDetails } from "./actions";

/** The chain for events that belong to no practice (e.g. a sign-in for an unknown email). */
export const PLATFORM_CHAIN = "platform";

// Details are small and flat, and hold ids, codes, counts and flags: never names, emails, note
// text or secrets. Each action declares its own (actions.ts); whatever an action declares, keys
// that suggest otherwise are refused outright.
export const FORBIDDEN_DETAIL_KEY = /name|email|phone|address|birth|dob|password|secret|token|content|text|body|note/i;
export const MAX_DETAIL_FIELDS = 12;

export const auditDetailsSchema = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number().int(), z.boolean(), z.null()]))
  .refine((d) => Object.keys(d).length <= MAX_DETAIL_FIELDS, `at most ${MAX_DETAIL_FIELDS} detail fields`)
  .refine((d) => !Object.keys(d).some((k) => FORBIDDEN_DETAIL_KEY.test(k)), "detail keys must not suggest personal data");

const contextSchema = z.object({
  requestId: z.string().max(64).nullable(),
  ip: z.string().max(64).nullable(),
  userAgent: z.string().max(300).nullable(),
});

export const auditEventInputSchema = z
  .object({
    practiceId: z.uuid().nullable(),
    actor: z.object({
      type: z.enum(["USER", "CLIENT", "SYSTEM"]),
      id: z.string().max(64).nullable(),
      role: z.string().max(32).nullable(),
    }),
    action: z.enum(auditActionNames as [AuditAction, ...AuditAction[]]),
    target: z.object({ type: z.string().max(32), id: z.string().max(64) }).nullable(),
    outcome: z.enum(["SUCCESS", "DENIED", "FAILED"]),
    details: auditDetailsSchema.default({}),
    context: contextSchema.default({ requestId: null, ip: null, userAgent: null }),
  })
  // The details must be what the action declares: no other key, each value of its declared kind.
  // Checked, not transformed: what is stored (and hashed) is the details as given.
  .superRefine((event, ctx) => {
    if (!isAuditAction(event.action)) return;
    const declared = auditDetailsSchemaFor(event.action).safeParse(event.details);
    for (const issue of declared.success ? [] : declared.error.issues) {
      ctx.addIssue({ code: "custom", path: ["details", ...issue.path.map(String)], message: `${event.action}: ${issue.message}` });
    }
  });

type AuditEventBase = {
  practiceId: string | null;
  actor: { type: "USER" | "CLIENT" | "SYSTEM"; id: string | null; role: string | null };
  target: { type: string; id: string } | null;
  outcome: "SUCCESS" | "DENIED" | "FAILED";
  context?: z.input<typeof contextSchema>;
};

/** An event of action A: its details are the ones A declares (optional when A declares none that are required). */
export type AuditEventOf<A extends AuditAction> = AuditEventBase & { action: A } & (Record<string, never> extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> });

/** What recordAudit takes: one member per action, told apart by `action`. */
export type AuditEventInput = { [A in AuditAction]: AuditEventOf<A> }[AuditAction];
export type AuditContext = z.input<typeof contextSchema>;
