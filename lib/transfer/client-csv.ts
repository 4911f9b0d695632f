import { CsvError, parse } from "csv-parse/sync";
import "server-only";
import { labelSchema } from "@/lib/clients/clients";
import { identitySchema, type Identity } from "@/lib/vault/identity";

// The client import file: one header row naming the columns below (any order), then one client
// per row. Validation reports row, column and a message of our own: never the value, so no
// identity reaches a log, a URL or an error page through it.

export const CLIENT_CSV_COLUMNS = [
  "label",
  "full_name",
  "preferred_name",
  "date_of_birth",
  "email",
  "phone",
  "address",
  "emergency_contact",
  "gp",
  "clinician_email",
] as const;
type Column = (typeof CLIENT_CSV_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 10_000;

const identityColumn: Record<keyof Identity, Column> = {
  fullName: "full_name",
  preferredName: "preferred_name",
  dateOfBirth: "date_of_birth",
  email: "email",
  phone: "phone",
  address: "address",
  emergencyContact: "emergency_contact",
  gp: "gp",
};

export interface RowError {
  /** The line in the file as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: Column | null;
  message: string;
}

export interface ParsedClientRow {
  row: number;
  label: string | null;
  identity: Identity | null;
  /** Lower-cased; null means "the importing member". */
  clinicianEmail: string | null;
}

export interface ParsedClientFile {
  /** Data rows in the file (valid or not). */
  total: number;
  rows: ParsedClientRow[];
  errors: RowError[];
}

// csv-parse's own messages can quote the offending field: say what is wrong in our words.
const csvProblem: Partial<Record<string, string>> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "This row has a different number of columns from the header row.",
  CSV_RECORD_INCONSISTENT_COLUMNS: "This row has a different number of columns from the header row.",
  CSV_QUOTE_NOT_CLOSED: "A quoted value is not closed: check for a missing double quote (\").",
  CSV_INVALID_CLOSING_QUOTE: "A double quote (\") appears inside a value that is not quoted properly.",
  INVALID_OPENING_QUOTE: "A double quote (\") appears in the middle of a value: put the whole value in quotes and double any quotes inside it.",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "There is text after a closing double quote (\").",
};

/** Parses and validates an import file. Never throws on bad content: everything is an error row. */
export function parseClientCsv(text: string): ParsedClientFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
      return { total: 0, rows: [], errors: [{ row: line, column: null, message: csvProblem[error.code] ?? "This line is not valid CSV." }] };
    }
    throw error;
  }
  if (records.length === 0) return { total: 0, rows: [], errors: [{ row: 1, column: null, message: "The file is empty. The first row must name the columns, e.g. label,full_name,email." }] };

  const header = records[0]!.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (!(CLIENT_CSV_COLUMNS as readonly string[]).includes(h)) {
      errors.push({ row: 1, column: null, message: `Unknown column "${h.slice(0, 40)}". Use only: ${CLIENT_CSV_COLUMNS.join(", ")}.` });
    } else if (seen.has(h)) {
      errors.push({ row: 1, column: h as Column, message: "This column appears twice." });
    }
    seen.add(h);
  }
  if (!seen.has("full_name") && !seen.has("label")) {
    errors.push({ row: 1, column: null, message: "The header row needs at least a full_name or a label column." });
  }
  if (errors.length > 0) return { total: 0, rows: [], errors };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return { total: 0, rows: [], errors: [{ row: MAX_IMPORT_ROWS + 2, column: null, message: `A file can hold up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} clients. Split it and import the parts one after another.` }] };
  }
  if (records.length === 1) return { total: 0, rows: [], errors: [{ row: 2, column: null, message: "The file has a header row but no clients." }] };

  const index = new Map(header.map((h, i) => [h as Column, i]));
  const rows: ParsedClientRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = r + 1;
    const record = records[r]!;
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? "" : (record[i] ?? "").trim();
    };
    const rowErrors: RowError[] = [];
    const label = labelSchema.safeParse(cell("label"));
    if (!label.success) rowErrors.push({ row, column: "label", message: label.error.issues[0]!.message });

    const rawIdentity = Object.fromEntries(Object.entries(identityColumn).map(([key, column]) => [key, cell(column)]));
    const anyIdentity = Object.values(rawIdentity).some((v) => v !== "");
    let identity: Identity | null = null;
    if (anyIdentity) {
      const parsed = identitySchema.safeParse(rawIdentity);
      if (parsed.success) identity = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          const column = identityColumn[issue.path[0] as keyof Identity] ?? null;
          if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row, column, message: issue.message });
        }
      }
    } else if (label.success && label.data === null) {
      rowErrors.push({ row, column: "full_name", message: "Give each client a full name, a label, or both." });
    }

    const clinician = cell("clinician_email").toLowerCase();
    if (clinician && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clinician)) {
      rowErrors.push({ row, column: "clinician_email", message: "Enter the clinician's sign-in email address, or leave it empty." });
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push({ row, label: label.data ?? null, identity, clinicianEmail: clinician || null });
  }
  return { total: records.length - 1, rows, errors };
}
