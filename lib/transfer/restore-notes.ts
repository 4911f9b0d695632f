import "server-only";
import { sealWith } from "@/lib/crypto/envelope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { chunks } from "./bulk";
import type { ImportMaps } from "./check-practice-import";
import type { ClientKey } from "./restore-clients";

/** Inserts notes, their versions and addenda, and reflections, each sealed under its client's new key. */
export async function restoreNotes(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps, key: ClientKey) {
  const { member, memberOrNull, clientIdOf, clientOfNote } = maps;
  for (const part of chunks(rows.notes)) {
    await tx.note.createMany({
      data: part.map((n) => {
        const clientId = clientIdOf.get(n.clientCode)!;
        return {
          id: n.id,
          practiceId,
          clientId,
          appointmentId: n.appointmentId,
          authorId: member(n.authorId),
          kind: n.kind,
          template: n.template,
          sessionDate: new Date(`${n.sessionDate}T00:00:00Z`),
          status: n.status,
          revision: n.revision,
          contentEnc: new Uint8Array(sealWith(key(clientId), JSON.stringify(n.content), `note:${n.id}`)),
          wordCount: n.wordCount,
          createdAt: new Date(n.createdAt),
          updatedAt: new Date(n.updatedAt),
          signedAt: n.signedAt ? new Date(n.signedAt) : null,
          signedById: memberOrNull(n.signedById),
          contentHash: n.contentHash ? new Uint8Array(Buffer.from(n.contentHash, "hex")) : null,
          layout: n.layout ?? undefined,
          practiceTemplateId: n.practiceTemplateId,
          discardedAt: n.discardedAt ? new Date(n.discardedAt) : null,
          discardedById: memberOrNull(n.discardedById),
        };
      }),
    });
  }
  for (const part of chunks(rows.note_versions)) {
    await tx.noteVersion.createMany({
      data: part.map((v) => ({
        id: v.id,
        noteId: v.noteId,
        number: v.number,
        savedById: member(v.savedById),
        startedAt: new Date(v.startedAt),
        savedAt: new Date(v.savedAt),
        contentEnc: new Uint8Array(sealWith(key(clientOfNote(v.noteId)!), JSON.stringify(v.content), `note-version:${v.id}`)),
        wordCount: v.wordCount,
      })),
    });
  }
  for (const part of chunks(rows.note_addenda)) {
    await tx.noteAddendum.createMany({
      data: part.map((a) => ({
        id: a.id,
        noteId: a.noteId,
        authorId: member(a.authorId),
        createdAt: new Date(a.createdAt),
        contentEnc: new Uint8Array(sealWith(key(clientOfNote(a.noteId)!), a.text, `addendum:${a.id}`)),
        contentHash: new Uint8Array(Buffer.from(a.contentHash, "hex")),
      })),
    });
  }
  for (const part of chunks(rows.reflections)) {
    await tx.reflection.createMany({
      data: part.map((r) => {
        const clientId = clientIdOf.get(r.clientCode)!;
        return { id: r.id, clientId, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt), sharedAt: r.sharedAt ? new Date(r.sharedAt) : null, bodyEnc: new Uint8Array(sealWith(key(clientId), r.text, `reflection:${r.id}`)) };
      }),
    });
  }
}
