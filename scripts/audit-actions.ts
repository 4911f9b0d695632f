// npm run --silent audit:actions — prints the audit vocabulary as the README's Markdown table.
import { AUDIT_ACTIONS } from "../lib/audit/actions";

console.log("| action | recorded when |\n| --- | --- |");
for (const [action, { about }] of Object.entries(AUDIT_ACTIONS)) console.log(`| \`${action}\` | ${about} |`);
