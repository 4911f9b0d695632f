import "server-only";
import { sealWith } from "@/lib/crypto/envelope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { chunks } from "./bulk";
import type { ImportMaps } from "./check-practice-import";
import type { ClientKey } from "./restore-clients";

/** Inserts the data-protection requests; a request's details are sealed under its client's new key. */
export async function restoreDataRequests(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps, key: ClientKey) {
  const { memberOrNull, clientIdOf } = maps;
  for (const part of chunks(rows.data_requests)) {
    await tx.dataRequest.createMany({
      data: part.map((r) => {
        const clientId = r.clientCode ? (clientIdOf.get(r.clientCode) ?? null) : null;
        return {
          id: r.id,
          practiceId,
          clientId,
          clientCode: r.clientCode,
          kind: r.kind,
          status: r.status,
          source: r.source,
          detailsEnc: r.details !== null && clientId ? new Uint8Array(sealWith(key(clientId), r.details, `request:${r.id}`)) : null,
          receivedAt: new Date(r.receivedAt),
          clockStartedAt: new Date(r.clockStartedAt),
          dueOn: new Date(`${r.dueOn}T00:00:00Z`),
          extendedDueOn: r.extendedDueOn ? new Date(`${r.extendedDueOn}T00:00:00Z`) : null,
          extensionReason: r.extensionReason,
          identityVerified: r.identityVerified,
          assigneeId: memberOrNull(r.assigneeId),
          harmReviewById: memberOrNull(r.harmReviewById),
          harmReviewAt: r.harmReviewAt ? new Date(r.harmReviewAt) : null,
          harmReviewOpinion: r.harmReviewOpinion,
          harmReviewWithheld: r.harmReviewWithheld,
          harmReviewWithheldNotes: r.harmReviewWithheldNotes,
          harmReviewReason: r.harmReviewReason,
          outcome: r.outcome,
          legalGround: r.legalGround,
          closedAt: r.closedAt ? new Date(r.closedAt) : null,
          closedById: memberOrNull(r.closedById),
        };
      }),
    });
  }
}
