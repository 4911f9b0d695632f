// Statutory deadlines for data-subject requests (UK GDPR Art. 12(3), ICO guidance): one calendar
// month from receipt (or from the clarification that restarts the clock), to the same date next
// month, or the last day of that month when the date does not exist (31 January -> 28/29
// February). Extendable by two further months for complex requests, with a reason.

const toDateOnly = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** `start` plus `months` calendar months, clamped to the last day of the target month. */
export function addCalendarMonths(start: Date, months: number): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(start.getUTCDate(), lastDay)));
}

export const statutoryDueDate = (clockStart: Date) => addCalendarMonths(toDateOnly(clockStart), 1);
export const extendedDueDate = (clockStart: Date) => addCalendarMonths(toDateOnly(clockStart), 3);
