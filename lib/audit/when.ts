// Times on the audit screens: the practice's local time (UK, as the rest of Confide shows it),
// said so, with the exact instant beside it where it matters.
export const AUDIT_TIME_ZONE = "Europe/London";
const formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: AUDIT_TIME_ZONE });
const long = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: AUDIT_TIME_ZONE, timeZoneName: "short" });

/** "29 Nov 2026, 03:20:47" in UK time. */
export const auditTime = (at: Date) => formatter.format(at);
/** "Sunday 29 November 2026 at 03:20:47 GMT" (BST in summer). */
export const auditTimeLong = (at: Date) => long.format(at);
