// npm run --silent audit:actions — prints the audit vocabulary (each action, when it is recorded
// and the details it carries) as the README's Markdown table.
import { auditActionTable } from "../lib/audit/action-table";

console.log(auditActionTable().join("\n"));
