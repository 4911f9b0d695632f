import { describe, expect, it } from "vitest";
import { invoiceWaitingEmail } from "./notice";
import { ageBucket, balanceOf, checkPayment, documentNumber, parseDocumentNumber, retainUntil, serviceDescription, statusOf } from "./rules";
import { amountSchema, issueRunSchema } from "./schema";
import { majorUnits, xeroCsv, XERO_COLUMNS } from "./xero-csv";

describe("document numbers", () => {
  it("formats each series with its prefix, padded, and parses it back", () => {
    expect(documentNumber("INVOICE", 42)).toBe("INV-000042");
    expect(documentNumber("CREDIT_NOTE", 7)).toBe("CN-000007");
    expect(documentNumber("RECEIPT", 1234567)).toBe("RCT-1234567");
    expect(parseDocumentNumber("INVOICE", "inv-000042")).toBe(42);
    expect(parseDocumentNumber("INVOICE", "CN-000042")).toBeNull();
    expect(() => documentNumber("INVOICE", 0)).toThrow();
  });
});

describe("status follows the money", () => {
  const m = (totalMinor: number, creditedMinor: number, paidMinor: number) => ({ totalMinor, creditedMinor, paidMinor });
  it("is open, part paid, paid, overpaid or credited", () => {
    expect(statusOf(m(6000, 0, 0))).toBe("OPEN");
    expect(statusOf(m(6000, 0, 1000))).toBe("PART_PAID");
    expect(statusOf(m(6000, 0, 6000))).toBe("PAID");
    expect(statusOf(m(6000, -6000, 0))).toBe("CREDITED");
    expect(statusOf(m(6000, -6000, 6000))).toBe("OVERPAID");
    expect(balanceOf(m(6000, -1000, 2000))).toBe(3000);
  });
  it("refuses payments over what is owed and refunds over what was paid", () => {
    expect(checkPayment("PAYMENT", 6001, m(6000, 0, 0))).toMatch(/more than is owed/);
    expect(checkPayment("PAYMENT", 6000, m(6000, 0, 0))).toBeNull();
    expect(checkPayment("PAYMENT", 0, m(6000, 0, 0))).toMatch(/greater than zero/);
    expect(checkPayment("REFUND", 2001, m(6000, 0, 2000))).toMatch(/more than was paid/);
    expect(checkPayment("REFUND", 2000, m(6000, 0, 2000))).toBeNull();
  });
});

describe("amounts typed in major units", () => {
  it("become exact minor units without floating point", () => {
    expect(amountSchema.parse("60")).toBe(6000);
    expect(amountSchema.parse("0.29")).toBe(29);
    expect(amountSchema.parse("1234.5")).toBe(123450);
    expect(amountSchema.parse("12,05")).toBe(1205);
    expect(amountSchema.safeParse("-5").success).toBe(false);
    expect(amountSchema.safeParse("1.234").success).toBe(false);
    expect(amountSchema.safeParse("=1+1").success).toBe(false);
  });
});

describe("forms", () => {
  it("reads an unticked checkbox (sent as nothing or an empty value) as off", () => {
    expect(issueRunSchema.parse({ month: "2026-10", grouping: "client", notify: "" }).notify).toBe(false);
    expect(issueRunSchema.parse({ month: "2026-10", grouping: "client" }).notify).toBe(false);
    expect(issueRunSchema.parse({ month: "2026-10", grouping: "session", notify: "on" }).notify).toBe(true);
  });
});

describe("days", () => {
  it("keeps documents for whole years from the issue day, and ages debt from the due day", () => {
    expect(retainUntil("2026-02-28", 6)).toBe("2032-02-28");
    expect(retainUntil("2024-02-29", 6)).toBe("2030-02-28");
    expect(ageBucket("2026-11-01", "2026-10-20")).toBe("0-30");
    expect(ageBucket("2026-10-01", "2026-10-31")).toBe("0-30");
    expect(ageBucket("2026-10-01", "2026-11-01")).toBe("31-60");
    expect(ageBucket("2026-08-01", "2026-10-30")).toBe("61-90");
    expect(ageBucket("2026-01-01", "2026-10-30")).toBe("90+");
  });
});

describe("the Xero CSV", () => {
  const invoice = { kind: "INVOICE" as const, number: 3, clientCode: "K7Q4MX2PB9XD", issuedOn: "2026-11-02", dueOn: "2026-11-16", currency: "GBP", vatExempt: true, lines: [{ description: "Session, 2026-10-07", amountMinor: 6000 }, { description: "=HYPERLINK(\"http://x\")", amountMinor: 3005 }] };
  it("has Xero's columns, UK dates, amounts with a point, the code as contact, and credit notes negative", () => {
    const csv = xeroCsv([invoice, { ...invoice, kind: "CREDIT_NOTE", number: 1, vatExempt: false, lines: [{ description: "Session, 2026-10-07", amountMinor: -6000 }] }]);
    const [header, first, , credit] = csv.trim().split("\n");
    expect(header).toBe(XERO_COLUMNS.join(","));
    expect(first).toBe("K7Q4MX2PB9XD,INV-000003,K7Q4MX2PB9XD,02/11/2026,16/11/2026,\"Session, 2026-10-07\",1,60.00,200,Exempt Income,GBP");
    expect(credit).toContain("CN-000001");
    expect(credit).toContain(",-60.00,200,No VAT,");
  });
  it("never writes a cell a spreadsheet would run as a formula", () => {
    const csv = xeroCsv([invoice]);
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).not.toMatch(/(^|,)"?=/m);
    expect(majorUnits(-5)).toBe("-0.05");
  });
});

describe("the 'invoice waiting' email", () => {
  it("names the practice and the portal only: no amount, name, service or clinician", () => {
    const { subject, text } = invoiceWaitingEmail("Calder Valley Therapy", "https://confide.example/portal", 2);
    const all = subject + text;
    expect(all).toContain("Calder Valley Therapy");
    expect(all).toContain("https://confide.example/portal");
    expect(all).not.toMatch(/£|€|\d+\.\d\d|session|assessment|invoice INV|BACP/i);
  });
});

describe("service lines", () => {
  it("write the session's date as people read it, in the practice's locale", () => {
    expect(serviceDescription("Session", "2026-10-06")).toBe("Session, 6 October 2026");
    expect(serviceDescription("Sitzung", "2026-10-06", "de-DE")).toBe("Sitzung, 6. Oktober 2026");
  });
});
