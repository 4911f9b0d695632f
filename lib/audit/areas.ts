import { AUDIT_ACTIONS, auditActionNames, type AuditAction } from "./actions";

// The review's action filter, grouped by area of the product (the part of an action's name
// before its first dot), each action in its own words.

const AREA_WORDS: Record<string, string> = {
  auth: "Signing in and security", practice: "Practice", member: "Members", platform: "Platform",
  client: "Clients", identity: "Identity vault", note: "Notes", reflection: "Reflections",
  portal: "Client portal", request: "Data requests", retention: "Retention",
  appointment: "Appointments", appointment_type: "Appointment types", schedule: "Schedule", calendar: "External calendars",
  reminder: "Reminders", billing: "Billing", statement: "Billing", audit: "Audit trail", system: "System",
};

const area = (action: string) => action.slice(0, action.indexOf("."));
const areaWords = (key: string) => AREA_WORDS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " ");
const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The actions by area, areas in the order above (any other after them), each action as "Signed in". */
export function actionGroups(): { area: string; actions: { value: AuditAction; label: string }[] }[] {
  const groups = new Map<string, { value: AuditAction; label: string }[]>();
  const order = [...new Set(Object.keys(AREA_WORDS).map(areaWords))];
  for (const action of auditActionNames) {
    const words = areaWords(area(action));
    if (!groups.has(words)) groups.set(words, []);
    groups.get(words)!.push({ value: action, label: sentenceCase(AUDIT_ACTIONS[action].past) });
  }
  const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([areaName, actions]) => ({ area: areaName, actions }));
}
