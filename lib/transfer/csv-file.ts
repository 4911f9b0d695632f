import { CsvError, parse } from "csv-parse/sync";
import { restoreCell } from "@/lib/csv/csv";

// Reading an import file, shared by the client and appointment imports: one header row naming
// known columns (any order, each once), then data rows. Problems are reported as row (as a
// spreadsheet numbers it: the header is row 1), column and a message of our own words.

/** An import file's limits: its size (a bigger upload gets a 413), data rows, and characters a cell. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_CELL_CHARS = 1_000;

/** Stops the parse at once: a file over a limit is refused before the rest of it is read. */
class OverLimit extends Error {
  constructor(readonly problem: RowError<never>) {
    super(problem.message);
  }
}

export interface RowError<C extends string = string> {
  /** The line in the file as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: C | null;
  message: string;
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

export interface CsvTable<C extends string> {
  /** Data rows; `cell(r, column)` reads one trimmed ("" when the column is absent). */
  records: string[][];
  has: (column: C) => boolean;
  cell: (record: string[], column: C) => string;
}

interface Shape<C extends string> {
  columns: readonly C[];
  /** What the rows are, for messages ("clients", "appointments"). */
  noun: string;
  /** A message when the header lacks what every file needs, else null. */
  missing: (has: (column: C) => boolean) => string | null;
  /** Example columns for "the file is empty". */
  example: string;
}

/** Parses the file and its header. Never throws on bad content: problems come back as errors. */
export function readCsvTable<C extends string>(text: string, shape: Shape<C>): { table: CsvTable<C> | null; errors: RowError<C>[] } {
  let records: string[][];
  let read = 0;
  const limits = (record: string[]) => {
    read++;
    if (read === 1 && record.length > shape.columns.length) {
      throw new OverLimit({ row: 1, column: null, message: `The header row has ${record.length} columns; use only: ${shape.columns.join(", ")}.` });
    }
    if (read > MAX_IMPORT_ROWS + 1) {
      throw new OverLimit({ row: MAX_IMPORT_ROWS + 2, column: null, message: `A file can hold up to ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} ${shape.noun}. Split it and import the parts one after another.` });
    }
    if (record.some((cell) => cell.length > MAX_CELL_CHARS)) {
      throw new OverLimit({ row: read, column: null, message: `A value in this row is longer than ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters, more than any column takes. Check the row, or that the file is the right one.` });
    }
    return record;
  };
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 64 * 1024, on_record: limits }) as string[][];
  } catch (error) {
    if (error instanceof OverLimit) return { table: null, errors: [error.problem] };
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
      return { table: null, errors: [{ row: line, column: null, message: csvProblem[error.code] ?? "This line is not valid CSV." }] };
    }
    throw error;
  }
  if (records.length === 0) return { table: null, errors: [{ row: 1, column: null, message: `The file is empty. The first row must name the columns, e.g. ${shape.example}.` }] };

  const header = records[0]!.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const errors: RowError<C>[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (!(shape.columns as readonly string[]).includes(h)) {
      errors.push({ row: 1, column: null, message: `Unknown column "${h.slice(0, 40)}". Use only: ${shape.columns.join(", ")}.` });
    } else if (seen.has(h)) {
      errors.push({ row: 1, column: h as C, message: "This column appears twice." });
    }
    seen.add(h);
  }
  const index = new Map(header.map((h, i) => [h as C, i]));
  const has = (c: C) => index.has(c);
  const missing = shape.missing(has);
  if (missing) errors.push({ row: 1, column: null, message: missing });
  if (errors.length > 0) return { table: null, errors };
  if (records.length === 1) return { table: null, errors: [{ row: 2, column: null, message: `The file has a header row but no ${shape.noun}.` }] };
  const cell = (record: string[], c: C) => {
    const i = index.get(c);
    // restoreCell: a cell our CSV writer guarded against formulas reads as the value it wrote.
    return i === undefined ? "" : restoreCell(record[i] ?? "").trim();
  };
  return { table: { records: records.slice(1), has, cell }, errors: [] };
}
