import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { verifyAuditTrail } from "../lib/audit/verify";
import { DEMO_MEMBERS, DEMO_PASSWORD } from "../lib/demo/seed";
import { e2eEnvFile } from "./support/env";

// Runs after every other spec (see playwright.config.ts): the whole trail those scenarios
// produced must hold no identity, no typed secrets, and must verify.
const typedByTheSuite = [
  DEMO_PASSWORD,
  "not-the-password-at-all",
  "whatever-password",
  "definitely-not-her-password",
  "nobody@nowhere.confide.test",
  "e2e-password-",
  "wrong-guess-number-",
  "New Colleague",
  "joining-password-",
  "@e2e.confide.test",
  "Marguerite",
  "Rosalind",
  "Isolde",
  "Vantongeren",
  "Wilhelmina",
  "7700 900123",
  "Achterberg",
  "breathe through the worry",
  "305817",
  "Oyelaran",
  "marguerite.vance@example.org",
  "sleeping better",
  "Typed on the train",
  "only the clinician may read",
  "E2E work laptop",
  "E2E renamed key",
  "E2E desk passkey",
  "Bartholomew",
  "Quennell",
  "bart.quennell@example.org",
  "Couples session E2E",
  "Family work E2E",
  "Marrowby",
  "Blue room",
  "Wilhelmina",
  "Stroud",
  "Mill Lane",
  "Penrose",
  "Cordelia",
  "Thistlewood",
  "Quarry Bank",
  "HX7 8AD",
  "Evangeline",
  "e2e-private-feed",
  "Dentist",
  "Ptolemy",
  "Featherstonehaugh",
  "ptolemy.f+",
  "Brackenbury",
  "Ottoline",
  "Lakeside Praxis",
  "Fenella",
  "Paartherapie",
  "Perpetua",
  "Vandermolen",
  "1979-11-02",
  "Cannot sleep before exams",
  ...DEMO_MEMBERS.flatMap((m) => [m.email, m.displayName, m.displayName.split(" ").at(-1)!]),
];

test("the audit trail holds no names, emails or typed secrets, and its chains verify", async () => {
  const { ownerUrl, appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8"));
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const { rows } = await client.query("SELECT row_to_json(e)::text AS line FROM audit_event e");
  await client.end();
  expect(rows.length).toBeGreaterThan(10);
  const trail = rows.map((r) => r.line).join("\n");
  for (const needle of typedByTheSuite) expect(trail, `audit trail contains "${needle}"`).not.toContain(needle);

  const actions = new Set(rows.map((r) => JSON.parse(r.line).action));
  for (const a of ["auth.signin.succeeded", "auth.signin.failed", "auth.signin.locked", "auth.signout", "audit.viewed", "audit.exported", "auth.passkey.registered", "auth.passkey.signin_succeeded"]) {
    expect(actions, `expected the suite to have recorded ${a}`).toContain(a);
  }
  const result = await verifyAuditTrail(appUrl);
  expect(result).toMatchObject({ ok: true });
});
