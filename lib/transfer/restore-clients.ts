import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { insertClientsWithKeys } from "./bulk";
import type { ImportMaps } from "./check-practice-import";

/** A restored client's notes data key, by client id: what its content is encrypted again under. */
export type ClientKey = (clientId: string) => Buffer;

/** Inserts the archive's clients (codes and ids kept), a fresh notes key each, and their assignments. */
export async function restoreClients(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps): Promise<ClientKey> {
  const clients = rows.clients.map((c) => ({
    id: c.id,
    practiceId,
    code: c.code,
    label: c.label,
    status: c.status,
    createdAt: new Date(c.createdAt),
    dischargedAt: c.dischargedAt ? new Date(c.dischargedAt) : null,
    retentionDueAt: c.retentionDueAt ? new Date(c.retentionDueAt) : null,
    legalHoldUntil: c.legalHoldUntil ? new Date(`${c.legalHoldUntil}T00:00:00Z`) : null,
    legalHoldReason: c.legalHoldReason,
    reflectionsInvitedAt: c.reflectionsInvitedAt ? new Date(c.reflectionsInvitedAt) : null,
    reflectionsAcceptedAt: c.reflectionsAcceptedAt ? new Date(c.reflectionsAcceptedAt) : null,
    remindersOptedInAt: c.remindersOptedInAt ? new Date(c.remindersOptedInAt) : null,
    // Who recorded a consent is kept when that member is here too; the consent itself always is.
    remindersOptInById: c.remindersOptedInAt && c.remindersOptInById ? maps.memberIfHere(c.remindersOptInById) : null,
  }));
  const keys = await insertClientsWithKeys(tx, clients);
  await tx.clientAssignment.createMany({ data: rows.clients.flatMap((c) => c.assignments.map((a) => ({ clientId: c.id, membershipId: maps.member(a.memberId), assignedAt: new Date(a.assignedAt) }))) });
  return (clientId) => keys.get(clientId)!;
}
