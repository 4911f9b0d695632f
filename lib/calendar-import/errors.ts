// Why a feed could not be used, as a reason code (what the audit trail records) and a message
// for the clinician. Neither ever holds the feed's URL.

export const FEED_FAILURES = {
  invalid_url: "Enter the calendar's full iCal address, starting with https://, http:// or webcal://.",
  blocked_address: "That calendar's address points inside a private network, which Confide does not fetch from. Use the public iCal address your calendar service gives you.",
  unreachable: "The calendar could not be reached. Check the address and try again later.",
  timeout: "The calendar took too long to answer. Try again later.",
  http_status: "The calendar service refused the request (the link may be wrong, expired or private). Copy the iCal address again and reconnect.",
  too_many_redirects: "The calendar's address redirected too many times. Use the final iCal address.",
  too_large: "That calendar is too large to import (over 5 MB). Use a calendar with fewer events.",
  not_icalendar: "That address did not return an iCalendar (.ics) feed. Use the calendar's iCal or \u201csecret address in iCal format\u201d.",
  too_complex: "That calendar takes too much work to read, usually because some repeating events started long ago or repeat very often. End old repeating events, or use a calendar with fewer of them.",
  too_many_events: "That calendar has too many events in the coming months to import. Use a calendar with fewer events.",
} as const;

export type FeedFailure = keyof typeof FEED_FAILURES;

export class FeedError extends Error {
  constructor(readonly reason: FeedFailure) {
    super(FEED_FAILURES[reason]);
    this.name = "FeedError";
  }
}
