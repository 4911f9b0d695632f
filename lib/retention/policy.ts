import { addCalendarMonths } from "@/lib/requests/due";

// When a record may be destroyed: `years` after the last contact; for someone who was a minor
// at their last contact, not before their `minorUntilAge`th birthday either (whichever is
// later). Without a date of birth, only the years rule can apply.

export interface RetentionPolicy {
  years: number;
  minorUntilAge: number;
}

export const DEFAULT_POLICY: RetentionPolicy = { years: 7, minorUntilAge: 25 };

export function retentionEnd(lastContact: Date, dateOfBirth: Date | null, policy: RetentionPolicy): Date {
  const byYears = addCalendarMonths(lastContact, policy.years * 12);
  if (!dateOfBirth) return byYears;
  const adulthood = addCalendarMonths(dateOfBirth, 18 * 12);
  if (lastContact >= adulthood) return byYears;
  const byAge = addCalendarMonths(dateOfBirth, policy.minorUntilAge * 12);
  return byAge > byYears ? byAge : byYears;
}
