import "server-only";
import ical, { ICalCalendarMethod } from "ical-generator";
import { memberActor, memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { formatClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { LIVE_STATUSES } from "./schema";

// A clinician's private iCalendar feed. The URL's secret token (32 random bytes) is shown once
// when made; only its SHA-256 is stored, so a database dump cannot subscribe. Events carry
// times, the client's code or label and the place: no names, no clinical content.

import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";
import { practiceIsActive } from "@/lib/platform/active";
export const FEED_PAST_DAYS = 31;
export const FEED_FUTURE_DAYS = 366;

export async function feedStatus(actor: Actor) {
  return db().calendarFeed.findUnique({ where: { membershipId: actor.membershipId }, select: { createdAt: true, lastReadAt: true } });
}

/** Turns the feed on, or replaces its link (the old one stops working). Returns the new token. */
export async function enableFeed(actor: Actor, context: AuditContext): Promise<string> {
  const token = newSecretToken();
  await db().$transaction(async (tx) => {
    const existed = await tx.calendarFeed.findUnique({ where: { membershipId: actor.membershipId }, select: { membershipId: true } });
    await tx.calendarFeed.upsert({
      where: { membershipId: actor.membershipId },
      create: { membershipId: actor.membershipId, tokenHash: hashToken(token) },
      update: { tokenHash: hashToken(token), createdAt: new Date(), lastReadAt: null },
    });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "schedule.feed_enabled", target: null, outcome: "SUCCESS", details: { replaced: existed !== null } });
  });
  return token;
}

export async function revokeFeed(actor: Actor, context: AuditContext) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { membershipId: actor.membershipId } });
    if (count) await recordAudit(tx, { ...memberEvent(actor, context), action: "schedule.feed_revoked", target: null, outcome: "SUCCESS", details: {} });
  });
}

/** The feed's iCalendar text for a token, or null when no feed has that token (or it is not live). */
export async function feedCalendar(token: string, context: AuditContext): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { membershipId: true, membership: { select: { practiceId: true, removedAt: true, userId: true, role: true, practice: { select: { name: true, timeZone: true, suspendedAt: true } } } } },
  });
  // A suspended practice's feeds stop with its sign-ins (the same 404 as an unknown link).
  if (!feed || feed.membership.removedAt || !practiceIsActive(feed.membership.practice)) return null;
  const now = Date.now();
  const appointments = await db().appointment.findMany({
    where: {
      clinicianId: feed.membershipId,
      status: { in: [...LIVE_STATUSES] },
      startsAt: { gte: new Date(now - FEED_PAST_DAYS * 86_400_000), lt: new Date(now + FEED_FUTURE_DAYS * 86_400_000) },
    },
    select: { id: true, startsAt: true, endsAt: true, practiceType: { select: { name: true } }, room: true, onlineLink: true, updatedAt: true, client: { select: { code: true, label: true } } },
    orderBy: { startsAt: "asc" },
  });
  const calendar = ical({ name: `Confide: ${feed.membership.practice.name}`, prodId: { company: "Confide", product: "schedule", language: "EN" }, method: ICalCalendarMethod.PUBLISH, ttl: 15 * 60 });
  for (const a of appointments) {
    const who = a.client.label ? `${a.client.label} (${formatClientCode(a.client.code)})` : formatClientCode(a.client.code);
    calendar.createEvent({
      id: `${a.id}@confide`,
      start: a.startsAt,
      end: a.endsAt,
      stamp: a.updatedAt,
      summary: `${a.practiceType.name}: ${who}`,
      location: a.room ?? a.onlineLink ?? undefined,
    });
  }
  // updateMany: a feed turned off while this request ran is no error.
  await db().calendarFeed.updateMany({ where: { membershipId: feed.membershipId }, data: { lastReadAt: new Date() } });
  await recordAudit(db(), {
    practiceId: feed.membership.practiceId,
    actor: memberActor({ userId: feed.membership.userId, role: feed.membership.role } as Actor),
    action: "schedule.feed_read",
    target: null,
    outcome: "SUCCESS",
    details: { events: appointments.length },
    context,
  });
  return calendar.toString();
}
