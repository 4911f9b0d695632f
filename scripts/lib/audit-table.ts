// The audit vocabulary as Markdown: docs/audit-trail.md carries this table between two markers,
// `npm run audit:actions` rewrites it there, and the docs test fails when the copy is stale.
import { auditActionTable } from "../../lib/audit/action-table";

export const AUDIT_TABLE_DOC = "docs/audit-trail.md";
export const AUDIT_TABLE_BEGIN = "<!-- audit-actions:begin (written by `npm run audit:actions`; do not edit by hand) -->";
export const AUDIT_TABLE_END = "<!-- audit-actions:end -->";

export const auditActionsTable = (): string => auditActionTable().join("\n");

/** The document with the table between its markers replaced by the current vocabulary. */
export function withAuditTable(doc: string): string {
  const begin = doc.indexOf(AUDIT_TABLE_BEGIN);
  const end = doc.indexOf(AUDIT_TABLE_END);
  if (begin < 0 || end < begin || doc.indexOf(AUDIT_TABLE_BEGIN, begin + 1) >= 0 || doc.indexOf(AUDIT_TABLE_END, end + 1) >= 0) {
    throw new Error(`${AUDIT_TABLE_DOC} needs exactly one "${AUDIT_TABLE_BEGIN}" line followed by one "${AUDIT_TABLE_END}" line`);
  }
  return `${doc.slice(0, begin + AUDIT_TABLE_BEGIN.length)}\n\n${auditActionsTable()}\n\n${doc.slice(end)}`;
}
