import { z } from "zod";
import { CODE_ALPHABET, CODE_LENGTH } from "@/lib/clients/code";

// The kinds of value an audit event's details may hold: ids, codes from a closed list, counts,
// flags, dates. Each is a zod schema, so one declaration per action (actions.ts) gives both the
// TypeScript type callers are checked against and the guard recordAudit runs. There is no kind
// for free text, and a declaration cannot make one: every string kind below carries a brand
// that only this module can write, and AuditField accepts no string without it.

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a type-only brand: no value exists
declare const bounded: unique symbol;
/** A string whose form is fixed by this module (an id, a code from a list, a date, a hash). */
export type BoundedString = string & z.core.$brand<typeof bounded>;
/** What one detail field may hold once checked: never an unbounded string, never a nested value. */
export type AuditValue = BoundedString | number | boolean | null | undefined;
/** A schema of one detail field, built from the kinds below (plus .nullable() / .optional()). */
export type AuditField = z.ZodType & { _zod: { output: AuditValue } };
/** The details an action declares, by key. */
export type AuditShape = Readonly<Record<string, AuditField>>;

const brand = <S extends z.ZodType<string>>(schema: S) => schema.brand<typeof bounded>();
const CLIENT_CODE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export const field = {
  /** A row id (uuid): a member, an appointment, a session, a passkey... */
  id: () => brand(z.guid().describe("id")),
  /** A client's code, stored form (K7Q4MX2PB9XD): never the person's name. */
  clientCode: () => brand(z.string().regex(CLIENT_CODE).describe("client code")),
  /** One value of a closed list (a reason code, a role, a kind). */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => brand(z.enum(values)),
  /** One value of a Prisma enum. */
  enumOf: <const T extends Readonly<Record<string, string>>>(values: T) => brand(z.enum(values)),
  /** Several values of a closed list, sorted and joined by commas ("serious_harm,third_party"). */
  listOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    brand(z.string().regex(new RegExp(`^(${values.join("|")})(,(${values.join("|")}))*$`)).describe(`comma-separated ${values.map((v) => `\`${v}\``).join(" / ")}`)),
  /** How many of something (0 or more). */
  count: () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe("count"),
  /** A whole number that may be negative or large, within JSON's safe range. */
  integer: () => z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).describe("number"),
  /** Yes or no. */
  flag: () => z.boolean().describe("flag"),
  /** A calendar day, YYYY-MM-DD. */
  day: () => brand(z.iso.date().describe("day")),
  /** A calendar month, YYYY-MM. */
  month: () => brand(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe("month")),
  /** An instant, as Date.toISOString() writes it. */
  instant: () => brand(z.iso.datetime().describe("instant")),
  /** A convention's code: an ISO 4217 currency, a BCP 47 locale or an IANA time zone ("EUR", "de-DE", "Europe/Berlin"). */
  convention: () => brand(z.string().max(64).regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/).describe("currency, locale or time zone code")),
  /** A SHA-256 digest in lower-case hex. */
  sha256: () => brand(z.string().regex(/^[0-9a-f]{64}$/).describe("sha256")),
  /** An audit sequence number, in decimal (a bigint, so a string). */
  seq: () => brand(z.string().regex(/^(0|[1-9]\d{0,18})$/).describe("sequence number")),
} as const;

/** The details of one action as a strict object: a key it does not declare is refused. */
export const detailsSchema = <S extends AuditShape>(shape: S) => z.strictObject(shape);

/** What a declared field holds, in words, for the README's action table (npm run audit:actions). */
export function describeField(schema: AuditField): string {
  const def = (schema as z.ZodType)._zod.def as { type: string; innerType?: AuditField; entries?: Record<string, string>; options?: AuditField[] };
  if (def.type === "optional") return `${describeField(def.innerType!)}, optional`;
  if (def.type === "nullable") return `${describeField(def.innerType!)} or null`;
  if (def.type === "union") return def.options!.map(describeField).join(" or ");
  if (def.type === "enum") return Object.values(def.entries!).map((v) => `\`${v}\``).join(" / ");
  return (schema as z.ZodType).description ?? def.type;
}
