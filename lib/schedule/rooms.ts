import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { lockPracticeSchedule } from "./conflicts";

// The practice's rooms: a list owners and practice managers keep, offered when booking and
// moving. An appointment stores the room's name (so the database's per-room no-overlap rule
// keeps working and rooms named before the list existed stay valid); a booking may only name a
// room on the list, and a move may also keep the room it already has. Archiving takes a room off
// the list for new bookings; appointments keep it.

export const MAX_ROOMS = 100;

export const roomNameSchema = z.object({
  name: z.string().trim().min(1, "Give the room a name.").max(80, "A room's name is at most 80 characters."),
});

export const mayManageRooms = (actor: Pick<Actor, "role">) => actor.role === "OWNER" || actor.role === "MANAGER";

/** Every room of the practice, bookable ones first, each in name order. */
export async function listRooms(practiceId: string) {
  const rooms = await db().practiceRoom.findMany({ where: { practiceId }, select: { id: true, name: true, archivedAt: true }, orderBy: { name: "asc" } });
  return [...rooms.filter((r) => !r.archivedAt), ...rooms.filter((r) => r.archivedAt)];
}

/** Names offered in the booking and move forms. */
export async function bookableRoomNames(practiceId: string) {
  return (await db().practiceRoom.findMany({ where: { practiceId, archivedAt: null }, select: { name: true }, orderBy: { name: "asc" } })).map((r) => r.name);
}

/** A booking's room must be on the practice's list (and not archived); `keep` is allowed as it is. */
export async function requireBookableRoom(tx: Prisma.TransactionClient, practiceId: string, room: string | null, keep: string | null = null) {
  if (room === null || room === keep) return;
  const found = await tx.practiceRoom.findFirst({ where: { practiceId, name: room, archivedAt: null }, select: { id: true } });
  if (!found) throw new AppError("unknown_room", "Choose one of the practice's rooms (owners and practice managers keep the list under Rooms).", 400);
}

const key = (name: string) => name.trim().toLocaleLowerCase("en-GB");

/**
 * The listed room an imported appointment names (matched ignoring case and spacing), or why it
 * cannot be used: a room off the list, or an archived one for a booking still to come
 * (scheduled). An attended or cancelled appointment may name an archived room (it was booked
 * when the room was in use).
 */
export function importedRoom(rooms: { name: string; archivedAt: Date | null }[], name: string, toCome: boolean): { room: string } | { error: string } {
  const found = rooms.find((r) => key(r.name) === key(name));
  const bookable = rooms.filter((r) => !r.archivedAt).map((r) => r.name);
  const offer = bookable.length > 0 ? ` Use one of: ${bookable.join(", ")}.` : " This practice has no rooms yet.";
  if (!found) return { error: `This room is not on the practice's list: an owner or practice manager can add it under Schedule > Rooms first, or leave the room empty.${offer}` };
  if (found.archivedAt && toCome) return { error: `${found.name} is archived and cannot be booked.${offer}` };
  return { room: found.name };
}

export async function createRoom(actor: Actor, input: unknown, context: AuditContext) {
  if (!mayManageRooms(actor)) throw forbidden();
  const { name } = roomNameSchema.parse(input);
  return db().$transaction(async (tx) => {
    await lockPracticeSchedule(tx, actor.practiceId);
    const all = await tx.practiceRoom.findMany({ where: { practiceId: actor.practiceId }, select: { name: true, archivedAt: true } });
    const same = all.find((r) => key(r.name) === key(name));
    if (same) throw new AppError("duplicate_room", same.archivedAt ? `There is already an archived room called ${same.name}: bring it back instead.` : `There is already a room called ${same.name}.`, 409);
    if (all.length >= MAX_ROOMS) throw new AppError("too_many_rooms", `A practice has at most ${MAX_ROOMS} rooms.`, 409);
    const room = await tx.practiceRoom.create({ data: { practiceId: actor.practiceId, name }, select: { id: true, name: true } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: "room.created", target: null, outcome: "SUCCESS", details: { room: room.id } });
    return room;
  });
}

/** Archives (or, with `archived` false, brings back) one of the practice's rooms. */
export async function setRoomArchived(actor: Actor, id: string, archived: boolean, context: AuditContext) {
  if (!mayManageRooms(actor)) throw forbidden();
  if (!z.uuid().safeParse(id).success) throw notFound("That room");
  return db().$transaction(async (tx) => {
    await lockPracticeSchedule(tx, actor.practiceId);
    const room = await tx.practiceRoom.findFirst({ where: { id, practiceId: actor.practiceId }, select: { id: true, name: true, archivedAt: true } });
    if (!room) throw notFound("That room");
    if ((room.archivedAt !== null) === archived) return room;
    await tx.practiceRoom.update({ where: { id: room.id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, { ...memberEvent(actor, context), action: archived ? "room.archived" : "room.restored", target: null, outcome: "SUCCESS", details: { room: room.id } });
    return room;
  });
}
