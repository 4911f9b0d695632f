// The invoices of a period as a Xero "sales invoices" import file (Business → Invoices →
// Import): one row per line, columns as in Xero's template (those we fill), dates DD/MM/YYYY,
// amounts in major units with a point. Credit notes are rows with negative unit amounts, which
// Xero imports as credit notes. The contact is the client's code, never their name: the
// accounting package gets amounts and codes, not who our clients are. Written through the one CSV
// writer (lib/csv), so no cell can run as a spreadsheet formula.
import { csvFromRows } from "@/lib/csv/csv";
import { documentNumber } from "./rules";

export const XERO_COLUMNS = ["*ContactName", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", "*Description", "*Quantity", "*UnitAmount", "*AccountCode", "*TaxType", "Currency"] as const;

export interface XeroInvoice {
  kind: "INVOICE" | "CREDIT_NOTE";
  number: number;
  clientCode: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  vatExempt: boolean;
  lines: { description: string; amountMinor: number }[];
}

const ukDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Minor units as "60.00" / "-60.00", exactly. */
export function majorUnits(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const a = Math.abs(minor);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

export function xeroCsv(invoices: XeroInvoice[], accountCode = "200"): string {
  const rows = invoices.flatMap((i) =>
    i.lines.map((l) => [
      i.clientCode,
      documentNumber(i.kind, i.number),
      i.clientCode,
      ukDate(i.issuedOn),
      ukDate(i.dueOn),
      l.description,
      "1",
      majorUnits(l.amountMinor),
      accountCode,
      i.vatExempt ? "Exempt Income" : "No VAT",
      i.currency,
    ]),
  );
  return csvFromRows(XERO_COLUMNS, rows);
}
