import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { clientsWithIdentity } from "@/lib/vault/clients-with-identity";

// What the practice export may carry, by the same rules as the screens:
// - a reflection the client has not shared is the client's alone: it leaves Confide only in the
//   client's own copy of their data (lib/requests/export.ts), never in the practice export;
// - a process note (the author's private working note) leaves only with its author: the export
//   carries the exporting owner's own process notes, and leaves everyone else's out (with their
//   saved versions and addenda), counted in the archive's README. A process note whose author
//   has left the practice never leaves;
// - the owner is the data controller and a move must be lossless, so the export does carry
//   clients the owner is not assigned to (their notes, shared reflections and identity, which
//   the owner cannot open on screen). For those the owner gives a reason first; it is recorded,
//   and each such client sees the export in the portal's "who has looked at my record".

export const EXPORT_REASONS = {
  move: "Moving the practice to another system",
  backup: "Keeping a copy of the practice's records",
  closure: "Closing the practice or handing its records to a successor",
  legal: "A legal or regulatory obligation",
} as const;
export type ExportReason = keyof typeof EXPORT_REASONS;

export const isExportReason = (value: unknown): value is ExportReason => typeof value === "string" && Object.hasOwn(EXPORT_REASONS, value);

export const exportRequestSchema = z.object({
  reason: z.enum(Object.keys(EXPORT_REASONS) as [ExportReason, ...ExportReason[]], { message: "Choose a reason for including clients you are not assigned to." }).optional(),
});

/** The notes the export carries: clinical notes, and the exporting member's own process notes. */
export const exportedNotesWhere = (practiceId: string, exporterId: string): Prisma.NoteWhereInput => ({
  practiceId,
  OR: [{ kind: "CLINICAL" }, { kind: "PROCESS", authorId: exporterId }],
});
const leftOutNotesWhere = (practiceId: string, exporterId: string): Prisma.NoteWhereInput => ({ practiceId, kind: "PROCESS", authorId: { not: exporterId } });

/** The reflections the export carries: those the client shared. */
export const exportedReflectionsWhere = (practiceId: string): Prisma.ReflectionWhereInput => ({ client: { practiceId }, sharedAt: { not: null } });

export interface LeftOut {
  /** Process notes of other members, and their saved versions and addenda. */
  processNotes: number;
  processNoteVersions: number;
  processNoteAddenda: number;
  /** Reflections their clients have not shared. */
  unsharedReflections: number;
}

export interface PracticeExportScope {
  /** Clients the exporting owner is not assigned to whose notes, shared reflections or identity the export carries. */
  unassignedClients: { id: string; code: string }[];
  leftOut: LeftOut;
}

/** What an owner's practice export would carry beyond their own screens, and what it leaves out. */
export async function practiceExportScope(actor: Pick<Actor, "practiceId" | "membershipId">): Promise<PracticeExportScope> {
  const prisma = db();
  const { practiceId, membershipId } = actor;
  const notAssigned = { practiceId, assignments: { none: { membershipId } } };
  const [unassigned, processNotes, processNoteVersions, processNoteAddenda, unsharedReflections] = await Promise.all([
    prisma.client.findMany({
      where: notAssigned,
      select: { id: true, code: true, notes: { where: exportedNotesWhere(practiceId, membershipId), select: { id: true }, take: 1 }, reflections: { where: { sharedAt: { not: null } }, select: { id: true }, take: 1 } },
      orderBy: { createdAt: "asc" },
    }),
    prisma.note.count({ where: leftOutNotesWhere(practiceId, membershipId) }),
    prisma.noteVersion.count({ where: { note: leftOutNotesWhere(practiceId, membershipId) } }),
    prisma.noteAddendum.count({ where: { note: leftOutNotesWhere(practiceId, membershipId) } }),
    prisma.reflection.count({ where: { client: { practiceId }, sharedAt: null } }),
  ]);
  const withIdentity = await clientsWithIdentity(practiceId, unassigned.map((c) => c.id));
  return {
    unassignedClients: unassigned.filter((c) => c.notes.length > 0 || c.reflections.length > 0 || withIdentity.has(c.id)).map(({ id, code }) => ({ id, code })),
    leftOut: { processNotes, processNoteVersions, processNoteAddenda, unsharedReflections },
  };
}

/** The reason given, or a 400 when the export carries clients the owner is not assigned to and none was. */
export function requireExportReason(scope: PracticeExportScope, input: unknown): ExportReason | null {
  const { reason } = exportRequestSchema.parse(input ?? {});
  const count = scope.unassignedClients.length;
  if (count > 0 && !reason) {
    throw new AppError(
      "export_reason_required",
      `This export includes the records of ${count === 1 ? "1 client" : `${count} clients`} you are not assigned to. Choose a reason on the Export page, then download it again.`,
      400,
    );
  }
  return reason ?? null;
}
