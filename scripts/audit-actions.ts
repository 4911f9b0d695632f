// npm run audit:actions — writes the audit vocabulary (lib/audit/actions.ts) as the Markdown table
// in docs/audit-trail.md, between its markers. Run it after adding or rewording an action.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AUDIT_ACTIONS } from "../lib/audit/actions";
import { AUDIT_TABLE_DOC, withAuditTable } from "./lib/audit-table";

const file = path.resolve(import.meta.dirname, "..", AUDIT_TABLE_DOC);
const before = readFileSync(file, "utf8");
const after = withAuditTable(before);
if (after !== before) writeFileSync(file, after);
console.log(`${AUDIT_TABLE_DOC}: ${Object.keys(AUDIT_ACTIONS).length} actions, ${after === before ? "already current" : "table rewritten"}`);
