import "server-only";
import { labelSchema } from "@/lib/clients/schema";
import { identitySchema, type Identity } from "@/lib/vault/schema";
import { MAX_IMPORT_ROWS, readCsvTable, type RowError as CsvRowError } from "./csv-file";

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

export { MAX_IMPORT_ROWS };

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

export type RowError = CsvRowError<Column>;

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

/** Parses and validates an import file. Never throws on bad content: everything is an error row. */
export function parseClientCsv(text: string): ParsedClientFile {
  const { table, errors } = readCsvTable(text, {
    columns: CLIENT_CSV_COLUMNS,
    noun: "clients",
    example: "label,full_name,email",
    missing: (has) => (has("full_name") || has("label") ? null : "The header row needs at least a full_name or a label column."),
  });
  if (!table) return { total: 0, rows: [], errors };
  const rows: ParsedClientRow[] = [];
  for (const [r, record] of table.records.entries()) {
    const row = r + 2;
    const cell = (c: Column) => table.cell(record, c);
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
  return { total: table.records.length, rows, errors };
}
