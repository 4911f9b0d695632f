import { AUDIT_ACTIONS } from "./actions";
import { describeField, type AuditShape } from "./fields";

/** docs/audit-trail.md's table of the audit vocabulary, one Markdown line per row (npm run audit:actions). */
export function auditActionTable(): string[] {
  const details = (shape: AuditShape) =>
    Object.entries(shape)
      .map(([key, field]) => `\`${key}\`: ${describeField(field)}`)
      .join("; ") || "none";
  return [
    "| action | recorded when | details |",
    "| --- | --- | --- |",
    ...Object.entries(AUDIT_ACTIONS).map(([action, { about, details: shape }]) => `| \`${action}\` | ${about} | ${details(shape)} |`),
  ];
}
