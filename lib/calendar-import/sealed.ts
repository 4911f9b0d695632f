import "server-only";
import { createHmac } from "node:crypto";
import { accountSubkey, openAccountSecret, sealAccountSecret } from "@/lib/crypto/account-keys";

// What a connected calendar keeps encrypted, under sub-keys of ACCOUNT_SECRETS_KEY: the feed URL
// (bound to the membership) and each event's summary (bound to the event's row). Event UIDs are
// kept only as keyed hashes, so they identify an event across syncs without being readable.

export const urlAad = (membershipId: string) => `membership:${membershipId}:calendar-import-url`;
export const summaryAad = (eventId: string) => `imported-event:${eventId}:summary`;

export const sealUrl = (membershipId: string, url: string) => sealAccountSecret("calendarUrl", url, urlAad(membershipId));
export const openUrl = (membershipId: string, sealed: Uint8Array) => openAccountSecret("calendarUrl", sealed, urlAad(membershipId)).toString("utf8");
export const sealSummary = (eventId: string, summary: string) => sealAccountSecret("calendarEventSummary", summary, summaryAad(eventId));
export const openSummary = (eventId: string, sealed: Uint8Array) => openAccountSecret("calendarEventSummary", sealed, summaryAad(eventId)).toString("utf8");

export const eventKeyHash = (membershipId: string, eventKey: string) =>
  new Uint8Array(createHmac("sha256", accountSubkey("calendarEventUid")).update(membershipId).update("\u0000").update(eventKey).digest());
