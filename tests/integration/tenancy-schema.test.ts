import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";

// The rules that keep Confide shardable by practice (docs/scaling.md), checked against the live
// catalog of a migrated database: every table is either a practice's (carries the practice id,
// or hangs off exactly one parent that does) or deliberately platform-wide, with its reason; every
// foreign key between practice tables is known; each practice's audit chain is its own; raw SQL
// joins between practice tables match on the practice id. A new table or key that breaks the
// rules fails here until it is fixed or listed with a reason.

/** Tables that carry "practiceId" themselves (the distribution column under Citus). */
const PRACTICE_KEYED = [
  "appointment", "appointment_reminder", "appointment_type", "audit_event", "calendar_import", "client",
  "client_form", "data_request", "form_consent", "home_marker", "imported_event", "invitation", "measure_assignment", "measure_response",
  "membership", "note", "practice_form", "practice_form_version", "practice_note_template", "practice_room",
  "clinician_registration", "document_counter", "invoice", "invoice_line", "invoice_payment", "invoice_settings",
];
/** Practice columns that may be null, and why. */
const NULLABLE_PRACTICE = { audit_event: "events of no practice (an unknown email's sign-in, operators' acts) go on the platform chain" };

/**
 * Practice tables that reach their practice through one parent today, not a column of their own.
 * Each is co-located with its parent by that key; before a Citus move each gains "practiceId"
 * (a backfilled column and a composite key): docs/scaling.md, "What the schema must do".
 */
const CHILD_OF: Record<string, { column: string; parent: string }> = {
  client_assignment: { column: "clientId", parent: "client" },
  client_notes_key: { column: "clientId", parent: "client" },
  note_version: { column: "noteId", parent: "note" },
  note_addendum: { column: "noteId", parent: "note" },
  portal_access: { column: "clientId", parent: "client" },
  portal_session: { column: "clientId", parent: "portal_access" },
  reflection: { column: "clientId", parent: "client" },
  data_export: { column: "requestId", parent: "data_request" },
  calendar_feed: { column: "membershipId", parent: "membership" },
};

/** Platform-wide tables: no practice's data, or an account's that spans practices. */
const PLATFORM: Record<string, string> = {
  practice: "the tenant itself: its id is the distribution value",
  user_account: "an account can be a member of several practices (and operators of none)",
  session: "an account's sign-in; its membership, when any, names the practice",
  passkey: "an account's credential, not a practice's",
  recovery_code: "an account's credential, not a practice's",
  webauthn_challenge: "short-lived sign-in challenges, before any practice is known",
  email_token: "sign-up, reset and email-change links, before or outside a practice",
  rate_limit_bucket: "counters keyed by address or account, across practices",
  audit_chain_head: "one row per chain; the chain id is the practice id, so it co-locates by value",
  job_run: "the scheduler's last runs, platform-wide",
  backup_report: "the backup service's report of the repository, platform-wide",
  _prisma_migrations: "the migration history",
};

/** Foreign keys between practice tables that do not (yet) include the practice id. */
const SINGLE_COLUMN_KEYS = [
  "appointment(clientId) -> client", "appointment(clinicianId) -> membership", "appointment(practiceTypeId) -> appointment_type",
  "appointment_reminder(appointmentId) -> appointment", "calendar_import(membershipId) -> membership",
  "imported_event(appointmentId) -> appointment", "imported_event(membershipId) -> calendar_import",
  "note(appointmentId) -> appointment", "note(clientId) -> client",
  "note(practiceTemplateId) -> practice_note_template", "appointment_type(noteTemplateId) -> practice_note_template",
  "measure_assignment(clientId) -> client", "measure_response(clientId) -> client",
  "measure_response(assignmentId) -> measure_assignment", "measure_response(appointmentId) -> appointment",
];

let database: TestDatabase;
let catalog: pg.Client;
let columns: { schema: string; table: string; column: string; nullable: boolean }[];
let foreignKeys: { table: string; columns: string[]; parent: string }[];

beforeAll(async () => {
  database = await createTestDatabase();
  catalog = new pg.Client({ connectionString: database.superuserUrl });
  await catalog.connect();
  columns = (
    await catalog.query<{ schema: string; table: string; column: string; nullable: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.is_nullable AS nullable
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema IN ('public', 'vault') AND t.table_type = 'BASE TABLE'`,
    )
  ).rows.map((r) => ({ ...r, nullable: r.nullable === "YES" }));
  foreignKeys = (
    await catalog.query<{ table: string; columns: string[]; parent: string }>(
      `SELECT con.conrelid::regclass::text AS table, con.confrelid::regclass::text AS parent,
              array_agg(att.attname::text ORDER BY k.ord) AS columns
         FROM pg_constraint con
         CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum
        WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
        GROUP BY con.oid, con.conrelid, con.confrelid`,
    )
  ).rows.map((r) => ({ ...r, table: r.table.replace(/"/g, ""), parent: r.parent.replace(/"/g, "") }));
});

afterAll(async () => {
  await catalog?.end();
  await database?.drop();
});

const tablesIn = (schema: string) => [...new Set(columns.filter((c) => c.schema === schema).map((c) => c.table))].sort();

describe("every table is a practice's or platform-wide, on purpose", () => {
  it("classifies every table in the clinical schema (a new table must be placed here)", () => {
    const classified = [...PRACTICE_KEYED, ...Object.keys(CHILD_OF), ...Object.keys(PLATFORM)].sort();
    expect(tablesIn("public")).toEqual(classified);
  });

  it("has the practice id on exactly the practice-keyed tables, not null except where listed", () => {
    const withPractice = columns.filter((c) => c.schema === "public" && c.column === "practiceId");
    expect(withPractice.map((c) => c.table).sort()).toEqual([...PRACTICE_KEYED].sort());
    const nullable = withPractice.filter((c) => c.nullable).map((c) => c.table);
    expect(nullable.sort()).toEqual(Object.keys(NULLABLE_PRACTICE).sort());
  });

  it("hangs each child table off one parent by a foreign key, ending at a practice-keyed table", () => {
    for (const [table, { column, parent }] of Object.entries(CHILD_OF)) {
      expect(foreignKeys, `${table}(${column}) -> ${parent}`).toContainEqual({ table, columns: [column], parent });
      const seen = new Set<string>();
      let at = parent;
      while (!PRACTICE_KEYED.includes(at)) {
        expect(seen.has(at), `cycle at ${at}`).toBe(false);
        seen.add(at);
        expect(CHILD_OF[at], `${at} reaches no practice`).toBeDefined();
        at = CHILD_OF[at]!.parent;
      }
    }
  });

  it("keeps identity in the vault per practice: every vault table carries practice_id, not null", () => {
    const vaultTables = tablesIn("vault");
    expect(vaultTables.length).toBeGreaterThan(0);
    for (const table of vaultTables) {
      expect(columns.find((c) => c.schema === "vault" && c.table === table && c.column === "practice_id"), table).toMatchObject({ nullable: false });
    }
  });
});

describe("no joins across practices", () => {
  it("knows every foreign key between practice tables; new ones include the practice id", () => {
    const practiceTables = new Set([...PRACTICE_KEYED, ...Object.keys(CHILD_OF)]);
    const between = foreignKeys.filter((k) => PRACTICE_KEYED.includes(k.table) && practiceTables.has(k.parent) && k.parent !== "practice");
    const single = between.filter((k) => !k.columns.includes("practiceId")).map((k) => `${k.table}(${k.columns.join(",")}) -> ${k.parent}`);
    expect(single.sort()).toEqual([...SINGLE_COLUMN_KEYS].sort());
  });

  it("has no foreign key from a platform table into a practice's data", () => {
    const practiceTables = new Set([...PRACTICE_KEYED, ...Object.keys(CHILD_OF)]);
    // session -> membership is the one link: a sign-in names the membership it acts in.
    const fromPlatform = foreignKeys.filter((k) => k.table in PLATFORM && practiceTables.has(k.parent)).map((k) => `${k.table} -> ${k.parent}`);
    expect(fromPlatform).toEqual(["session -> membership"]);
  });

  it("matches on the practice id in every raw SQL join between practice tables outside platform administration", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = walk(path.join(root, "lib")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes(`${path.sep}generated${path.sep}`) && !f.includes(`${path.sep}platform${path.sep}`));
    const offenders: string[] = [];
    const keyed = new Set(PRACTICE_KEYED);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/\bJOIN\s+"?(\w+)"?\s+(?:AS\s+)?"?(\w+)?"?\s+ON\s+([\s\S]*?)(?=\bWHERE\b|\bJOIN\b|\bGROUP\b|\bORDER\b|`|$)/gi)) {
        if (keyed.has(m[1]!) && !/"practiceId"\s*=/.test(m[3]!)) offenders.push(`${path.relative(root, file)}: JOIN ${m[1]} ON ${m[3]!.trim().slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("per-practice audit chains", () => {
  it("refuses an audit event whose chain is not its practice's (the database enforces it)", async () => {
    const practice = "7d4f2a7e-1c1a-4d0e-9f3a-2b6c8e9d0a11";
    const other = "0b9e4c2d-5f6a-4b7c-8d9e-1f2a3b4c5d6e";
    const insert = (chainId: string, practiceId: string | null) =>
      catalog.query(
        `INSERT INTO audit_event ("chainId", seq, "occurredAt", "practiceId", "actorType", action, outcome, details, "prevHash", hash)
         VALUES ($1, 1, now(), $2, 'SYSTEM', 'retention.run', 'SUCCESS', '{}', decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))`,
        [chainId, practiceId],
      );
    await expect(insert(other, practice)).rejects.toThrow(/audit_event_chain_is_practice/);
    await expect(insert("platform", practice)).rejects.toThrow(/audit_event_chain_is_practice/);
    await expect(insert(practice, null)).rejects.toThrow(/audit_event_chain_is_practice/);
    await expect(insert(practice, practice)).resolves.toBeTruthy();
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
