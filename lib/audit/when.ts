// Times on the audit screens, in the practice's own time zone (Practice.timeZone), said so, with
// the exact instant beside them where it matters.
import { dateTimeFormat } from "@/lib/format/intl";

/** "Europe/London" → "London time". */
export const zoneWords = (timeZone: string) => `${(timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ")} time`;

/** "29 Nov 2026, 03:20:47". */
export const auditTime = (at: Date, timeZone: string) =>
  dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone }).format(at);

/** "Sunday 29 November 2026 at 03:20:47 GMT" (BST in summer). */
export const auditTimeLong = (at: Date, timeZone: string) =>
  dateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone, timeZoneName: "short" }).format(at);
