import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { isClinician } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden } from "@/lib/http/errors";
import { activePractice } from "@/lib/platform/active";
import { hitLimit, LIMITS, limitKey } from "@/lib/rate-limit";
import { practiceTimeZone } from "@/lib/schedule/access";
import { calendarEvent, type CalendarActor } from "./audit";
import { FEED_FAILURES, FeedError } from "./errors";
import type { FeedEvent } from "./parse";
import { readFeed, type ReadOptions } from "./read-feed";
import { eventKeyHash, openSummary, openUrl, sealSummary, sealUrl } from "./sealed";
import { feedHost, normaliseFeedUrl } from "./url";

// Connecting, syncing and disconnecting a clinician's external calendar. A sync reads and parses
// the whole feed first; only then, in one transaction, are pending, busy and dismissed events
// replaced by what the feed now says (decisions kept by UID hash). Events booked as appointments
// are never touched. A feed that cannot be used changes nothing but the "last failure" note.

export const connectSchema = z.object({ url: z.string().trim().min(1, FEED_FAILURES.invalid_url).max(2000, FEED_FAILURES.invalid_url) });

const asAppError = (error: FeedError) => new AppError(error.reason, error.message, 400);
const alreadyConnected = () => new AppError("calendar_connected", "You already have a calendar connected. Disconnect it first to connect another.", 409);

function requireCalendarOwner(actor: Actor) {
  if (!isClinician(actor)) throw forbidden();
}

/** Each fetch a clinician asks for is an outbound request: a few dozen an hour is plenty. */
async function countFetch(actor: Actor) {
  const count = await hitLimit(db(), LIMITS.calendarFetch, limitKey(LIMITS.calendarFetch, actor.membershipId));
  if (count > LIMITS.calendarFetch.max) throw new AppError("rate_limited", "Your calendar has been read many times in the last hour. Try again later.", 429);
}

export interface SyncCounts {
  added: number;
  updated: number;
  removed: number;
  kept: number;
}

/** Replaces the calendar's not-booked events with `events`, keeping decisions by UID hash. */
async function applyFeed(tx: Prisma.TransactionClient, calendar: { membershipId: string; practiceId: string }, events: FeedEvent[]): Promise<SyncCounts> {
  const existing = await tx.importedEvent.findMany({
    where: { membershipId: calendar.membershipId },
    select: { id: true, uidHash: true, state: true, startsAt: true, endsAt: true, summaryEnc: true },
  });
  const byHash = new Map(existing.map((e) => [Buffer.from(e.uidHash).toString("hex"), e]));
  const seen = new Set<string>();
  const created: Prisma.ImportedEventCreateManyInput[] = [];
  let updated = 0;
  let kept = 0;
  for (const event of events) {
    const hash = eventKeyHash(calendar.membershipId, event.key);
    const hex = Buffer.from(hash).toString("hex");
    seen.add(hex);
    const row = byHash.get(hex);
    if (!row) {
      const id = randomUUID();
      created.push({ id, membershipId: calendar.membershipId, practiceId: calendar.practiceId, uidHash: hash, startsAt: event.startsAt, endsAt: event.endsAt, summaryEnc: sealSummary(id, event.summary) });
      continue;
    }
    if (row.state === "BOOKED") {
      kept++;
      continue;
    }
    const changed = row.startsAt.getTime() !== event.startsAt.getTime() || row.endsAt.getTime() !== event.endsAt.getTime() || openSummary(row.id, row.summaryEnc) !== event.summary;
    if (changed) {
      // (state filter: an event booked meanwhile is left as booked)
      await tx.importedEvent.updateMany({
        where: { id: row.id, state: { not: "BOOKED" } },
        data: { startsAt: event.startsAt, endsAt: event.endsAt, summaryEnc: sealSummary(row.id, event.summary), updatedAt: new Date() },
      });
      updated++;
    }
  }
  if (created.length) await tx.importedEvent.createMany({ data: created });
  const gone = existing.filter((e) => e.state !== "BOOKED" && !seen.has(Buffer.from(e.uidHash).toString("hex"))).map((e) => e.id);
  if (gone.length) await tx.importedEvent.deleteMany({ where: { id: { in: gone }, state: { not: "BOOKED" } } });
  return { added: created.length, updated, removed: gone.length, kept };
}

/** Connects a calendar by its iCal address and reads it once; a feed that fails is not connected. */
export async function connectCalendar(actor: Actor, input: unknown, context: AuditContext, options: ReadOptions = {}) {
  requireCalendarOwner(actor);
  const { url: raw } = connectSchema.parse(input);
  let url: URL;
  try {
    url = normaliseFeedUrl(raw);
  } catch (error) {
    if (error instanceof FeedError) throw asAppError(error);
    throw error;
  }
  if (await db().calendarImport.findUnique({ where: { membershipId: actor.membershipId }, select: { membershipId: true } })) {
    throw alreadyConnected();
  }
  await countFetch(actor);
  const who: CalendarActor = { kind: "member", actor };
  let events: FeedEvent[];
  try {
    events = await readFeed(url.toString(), await practiceTimeZone(actor.practiceId), options);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    await recordAudit(db(), { ...calendarEvent(who, context), action: "calendar.sync_failed", target: null, outcome: "FAILED", details: { reason: error.reason, connecting: true } });
    throw asAppError(error);
  }
  return db().$transaction(async (tx) => {
    const now = new Date();
    // Two connects at once: the second finds the first's row (or its key) and is refused.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`calendar-import:${actor.membershipId}`}, 0))::text`;
    if (await tx.calendarImport.findUnique({ where: { membershipId: actor.membershipId }, select: { membershipId: true } })) throw alreadyConnected();
    const calendar = await tx.calendarImport.create({
      data: { membershipId: actor.membershipId, practiceId: actor.practiceId, urlEnc: sealUrl(actor.membershipId, url.toString()), host: feedHost(url), lastSyncedAt: now, lastAttemptAt: now },
    });
    const counts = await applyFeed(tx, calendar, events);
    await recordAudit(tx, { ...calendarEvent(who, context), action: "calendar.connected", target: null, outcome: "SUCCESS", details: { events: events.length, added: counts.added } });
    return counts;
  });
}

type Connected = { membershipId: string; practiceId: string; urlEnc: Uint8Array };

/** Reads a connected calendar again and applies it. Throws FeedError (after recording it). */
async function syncOne(calendar: Connected, who: CalendarActor, context: AuditContext, options: ReadOptions): Promise<SyncCounts> {
  let events: FeedEvent[];
  try {
    events = await readFeed(openUrl(calendar.membershipId, calendar.urlEnc), await practiceTimeZone(calendar.practiceId), options);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    await db().calendarImport.updateMany({ where: { membershipId: calendar.membershipId }, data: { lastAttemptAt: new Date(), lastFailure: error.reason } });
    await recordAudit(db(), { ...calendarEvent(who, context), action: "calendar.sync_failed", target: null, outcome: "FAILED", details: { reason: error.reason, scheduled: who.kind === "system" } });
    throw error;
  }
  return db().$transaction(async (tx) => {
    // One sync of a calendar at a time; a calendar disconnected meanwhile is left alone.
    const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM calendar_import WHERE "membershipId" = ${calendar.membershipId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("calendar_not_connected", "No calendar is connected.", 404);
    const counts = await applyFeed(tx, calendar, events);
    const now = new Date();
    await tx.calendarImport.update({ where: { membershipId: calendar.membershipId }, data: { lastSyncedAt: now, lastAttemptAt: now, lastFailure: null } });
    await recordAudit(tx, { ...calendarEvent(who, context), action: "calendar.synced", target: null, outcome: "SUCCESS", details: { events: events.length, ...counts, scheduled: who.kind === "system" } });
    return counts;
  });
}

/** The clinician's "Sync now". */
export async function syncCalendar(actor: Actor, context: AuditContext, options: ReadOptions = {}): Promise<SyncCounts> {
  requireCalendarOwner(actor);
  const calendar = await db().calendarImport.findUnique({ where: { membershipId: actor.membershipId }, select: { membershipId: true, practiceId: true, urlEnc: true } });
  if (!calendar) throw new AppError("calendar_not_connected", "No calendar is connected. Connect one first.", 404);
  await countFetch(actor);
  try {
    return await syncOne(calendar, { kind: "member", actor }, context, options);
  } catch (error) {
    if (error instanceof FeedError) throw asAppError(error);
    throw error;
  }
}

/**
 * Scheduled sync: every switched-on calendar of a current member of a practice that is not
 * suspended, not tried in the last `everyMinutes`.
 */
export async function syncDueCalendars(everyMinutes: number, options: ReadOptions = {}) {
  const due = await db().calendarImport.findMany({
    where: {
      scheduled: true,
      membership: { removedAt: null, practice: activePractice },
      OR: [{ lastAttemptAt: null }, { lastAttemptAt: { lt: new Date(Date.now() - everyMinutes * 60_000) } }],
    },
    select: { membershipId: true, practiceId: true, urlEnc: true },
    orderBy: { lastAttemptAt: { sort: "asc", nulls: "first" } },
  });
  const context = { requestId: null, ip: null, userAgent: "calendar:sync" };
  let synced = 0;
  let failed = 0;
  for (const calendar of due) {
    try {
      await syncOne(calendar, { kind: "system", practiceId: calendar.practiceId }, context, options);
      synced++;
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      failed++;
    }
  }
  return { due: due.length, synced, failed };
}

export async function setScheduledSync(actor: Actor, on: boolean, context: AuditContext) {
  requireCalendarOwner(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.calendarImport.updateMany({ where: { membershipId: actor.membershipId, scheduled: !on }, data: { scheduled: on } });
    if (count) await recordAudit(tx, { ...calendarEvent({ kind: "member", actor }, context), action: "calendar.schedule_changed", target: null, outcome: "SUCCESS", details: { on } });
  });
}

/** Deletes the address and every imported event; appointments booked from events stay. */
export async function disconnectCalendar(actor: Actor, context: AuditContext) {
  requireCalendarOwner(actor);
  await db().$transaction(async (tx) => {
    const events = await tx.importedEvent.deleteMany({ where: { membershipId: actor.membershipId } });
    const { count } = await tx.calendarImport.deleteMany({ where: { membershipId: actor.membershipId } });
    if (count) await recordAudit(tx, { ...calendarEvent({ kind: "member", actor }, context), action: "calendar.disconnected", target: null, outcome: "SUCCESS", details: { events: events.count } });
  });
}
