// Type-level tests: compiled by `npx tsc --noEmit` (tsconfig includes every .ts file), never run.
// Each `@ts-expect-error` line must fail to compile; if a change let it compile, tsc reports the
// directive as unused and the build fails. The lines without one must compile.
import { z } from "zod";
import type { AuditDetails } from "./actions";
import { field, type AuditShape } from "./fields";
import type { AuditEventInput } from "./schema";

const write = (event: AuditEventInput) => event;
const by = { practiceId: null, actor: { type: "USER" as const, id: null, role: null }, target: null, outcome: "SUCCESS" as const };
const signed = { client: "K7Q4MX2PB9XD", revision: 3, sha256: "ab".repeat(32) };
declare const someText: string;
declare const optedIn: boolean;

// What each action declares compiles.
write({ ...by, action: "note.signed", details: signed });
write({ ...by, action: "auth.signin.failed", details: { reason: "wrong_password", failures: 2 } });
write({ ...by, action: optedIn ? "reminder.opted_in" : "reminder.opted_out", details: { client: "K7Q4MX2PB9XD", via: "portal" } });
write({ ...by, action: "system.seeded" }); // declares nothing: details may be left out

// A key the action does not declare: free text...
// @ts-expect-error "summary" is not a detail of note.signed
write({ ...by, action: "note.signed", details: { ...signed, summary: "Discussed her divorce" } });
// ...or a key another action declares.
// @ts-expect-error "reason" belongs to other actions, not note.signed
write({ ...by, action: "note.signed", details: { ...signed, reason: "wrong_password" } });
// @ts-expect-error "extra" is declared by neither action of the pair
write({ ...by, action: optedIn ? "reminder.opted_in" : "reminder.opted_out", details: { client: "K7Q4MX2PB9XD", via: "portal", extra: 1 } });

// A string where the action declares a closed list.
// @ts-expect-error not one of auth.signin.failed's reason codes
write({ ...by, action: "auth.signin.failed", details: { reason: "she forgot it again" } });
// @ts-expect-error a string of unknown content is not a reason code
write({ ...by, action: "auth.signin.failed", details: { reason: someText } });

// A declared field missing, or the details of another action.
// @ts-expect-error note.signed declares sha256
write({ ...by, action: "note.signed", details: { client: "K7Q4MX2PB9XD", revision: 3 } });
// @ts-expect-error member.listed requires its count
write({ ...by, action: "member.listed" });
// @ts-expect-error a number where a flag is declared
write({ ...by, action: "client.label_changed", details: { labelled: 1 } });

// The typed helpers take exactly what their action declares.
const mfaFailed: AuditDetails<"auth.mfa.failed"> = { method: "passkey", reason: "counter_replayed" };
// @ts-expect-error auth.mfa.failed declares no "code"
const mfaFailedWithCode: AuditDetails<"auth.mfa.failed"> = { method: "code", code: "123456" };

// A declaration cannot hold free text: only the kinds of fields.ts are AuditFields.
const declares = <S extends AuditShape>(shape: S) => shape;
declares({ client: field.clientCode(), reason: field.oneOf(["a", "b"]), at: field.instant().nullable(), count: field.count().optional() });
// @ts-expect-error a plain string is free text
declares({ summary: z.string() });
// @ts-expect-error a bounded plain string is still free text
declares({ summary: z.string().max(20).nullable() });
// @ts-expect-error a list must be built with field.oneOf, so it is one of the closed kinds
declares({ reason: z.enum(["a", "b"]) });
// @ts-expect-error details are flat
declares({ clients: z.array(field.clientCode()) });

export const used = [mfaFailed, mfaFailedWithCode];
