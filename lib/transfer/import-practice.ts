import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { archiveCounts, ENTITY_NAMES } from "./archive";
import { checkPracticeImport } from "./check-practice-import";
import { readPracticeArchive } from "./read-practice-archive";
import { restoreClients } from "./restore-clients";
import { restoreNotes } from "./restore-notes";
import { restoreForms } from "./restore-forms";
import { restoreInvoices } from "./restore-invoices";
import { restoreDataRequests } from "./restore-requests";
import { restoreSchedule } from "./restore-schedule";
import { vaultRestore } from "./restore-vault";
import { restoreMeasures } from "@/lib/measures/transfer";

// Restores a practice export into an EMPTY practice, all or nothing. Codes, ids, note content,
// versions, addenda, signatures and hashes are kept; content is encrypted again under this
// instance's keys. Members are matched by email and must already belong to this practice.
// The source's audit trail stays in the archive: it is that practice's chain, not ours.
// Steps: read the archive (read-practice-archive.ts), check it against this practice and
// instance (check-practice-import.ts), then write it in one transaction (restore-*.ts).

export type PracticeImportResult = { ok: true; counts: Record<string, number> } | { ok: false; problems: string[] };

/** Owner only, after step-up. Problems (nothing written) come back as plain sentences. */
export async function importPractice(actor: Actor, bytes: Uint8Array, context: AuditContext): Promise<PracticeImportResult> {
  if (actor.role !== "OWNER") throw forbidden();
  assertSteppedUp(actor);
  const archive = readPracticeArchive(bytes);
  if (!archive.ok) return archive;
  const { manifest, rows } = archive;
  const check = await checkPracticeImport(actor.practiceId, rows);
  if (!check.ok) return check;
  const { maps } = check;

  const vault = vaultRestore(actor.practiceId, rows, maps.clientIdOf);
  const counts = Object.fromEntries(ENTITY_NAMES.filter((n) => n !== "audit_events" && n !== "members").map((n) => [n, rows[n].length]));
  try {
    await db().$transaction(
      async (tx) => {
        const key = await restoreClients(tx, actor.practiceId, rows, maps);
        await restoreSchedule(tx, actor.practiceId, rows, maps);
        await restoreNotes(tx, actor.practiceId, rows, maps, key);
        await restoreMeasures(tx, actor.practiceId, rows, maps, key);
        await restoreDataRequests(tx, actor.practiceId, rows, maps, key);
        await restoreForms(tx, actor.practiceId, rows, maps, key);
        await restoreInvoices(tx, actor.practiceId, rows, maps);
        await vault.write();
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actor: memberActor(actor),
          action: "practice.imported",
          target: null,
          outcome: "SUCCESS",
          details: {
            sourcePractice: manifest.source.practiceId,
            ...archiveCounts(rows),
            archivedAuditEvents: rows.audit_events.length,
          },
          context,
        });
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  } catch (error) {
    await vault.undo();
    throw error;
  }
  return { ok: true, counts };
}
