import { stringify } from "csv-stringify/sync";

// The one CSV writer: every CSV file the app hands out (audit trail, billing, the practice
// export's CSV twins) is written here, RFC 4180 with a header row, and with its one safety rule.
//
// Formula cells. A spreadsheet runs a cell that begins with =, +, -, @ (and, in some, a tab or
// carriage return before them) as a formula, so text anyone could type (a user agent, a label,
// a note) would run on the owner's machine. Such a cell is written with a single quote (') in
// front, which spreadsheets show as plain text. A cell that genuinely begins with a quote
// followed by one of those characters or another quote gets one more quote, so that
// `restoreCell` (used by our CSV reader) strips exactly the quotes this writer added and every
// value round-trips. Plain numbers ("-12.50") cannot be formulas and are left as they are.

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);
const QUOTE = "'";
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Whether a cell as written starts with a quote this writer added (see neutraliseCell). */
const startsWithAddedQuote = (cell: string) => cell[0] === QUOTE && cell.length > 1 && (FORMULA_START.has(cell[1]!) || cell[1] === QUOTE);

/** The text of a cell as written: a value that a spreadsheet would run gets a leading quote. */
export function neutraliseCell(value: string): string {
  if (value === "" || PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.has(value[0]!) || startsWithAddedQuote(value) ? QUOTE + value : value;
}

/** The value behind a cell this writer wrote (exactly one added quote removed), for our importers. */
export function restoreCell(cell: string): string {
  return startsWithAddedQuote(cell) ? cell.slice(1) : cell;
}

/** Any value: text, numbers, booleans, dates, null; anything else is written as JSON text. */
export type CsvValue = unknown;

/** A cell's text: nothing for null, ISO for dates, JSON for nested values, then neutralised. */
function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  return neutraliseCell(typeof value === "string" ? value : JSON.stringify(value));
}

/** A CSV with the given header row and rows of cells in that order. */
export function csvFromRows(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    { header: true, columns: columns.map((c) => neutraliseCell(c)) },
  );
}

/** A CSV of records sharing the first record's keys (its header row); "" when there are none. */
export function csvFromRecords(records: readonly Record<string, CsvValue>[]): string {
  if (records.length === 0) return "";
  const columns = Object.keys(records[0]!);
  return csvFromRows(columns, records.map((r) => columns.map((c) => r[c])));
}
