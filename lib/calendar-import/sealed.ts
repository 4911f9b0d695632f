import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { config } from "@/lib/config";
import { decrypt, encrypt } from "@/lib/crypto/aead";

// What a connected calendar keeps encrypted, under ACCOUNT_SECRETS_KEY: the feed URL (bound to
// the membership) and each event's summary (bound to the event's row). Event UIDs are kept only
// as keyed hashes, so they identify an event across syncs without being readable.

const key = () => config().ACCOUNT_SECRETS_KEY;
const urlAad = (membershipId: string) => `membership:${membershipId}:calendar-import-url`;
const summaryAad = (eventId: string) => `imported-event:${eventId}:summary`;

export const sealUrl = (membershipId: string, url: string) => new Uint8Array(encrypt(key(), url, urlAad(membershipId)));
export const openUrl = (membershipId: string, sealed: Uint8Array) => decrypt(key(), sealed, urlAad(membershipId)).toString("utf8");
export const sealSummary = (eventId: string, summary: string) => new Uint8Array(encrypt(key(), summary, summaryAad(eventId)));
export const openSummary = (eventId: string, sealed: Uint8Array) => decrypt(key(), sealed, summaryAad(eventId)).toString("utf8");

const uidKey = () => Buffer.from(hkdfSync("sha256", key(), Buffer.alloc(0), "confide:calendar-import-uid", 32));
export const eventKeyHash = (membershipId: string, eventKey: string) =>
  new Uint8Array(createHmac("sha256", uidKey()).update(membershipId).update("\u0000").update(eventKey).digest());
