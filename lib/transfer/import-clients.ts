import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { isClinician } from "@/lib/clients/access";
import { generateClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { destroyIdentities } from "@/lib/vault/destroy-identities";
import { storeIdentities } from "@/lib/vault/store-identities";
import { freshClientCodes, insertClientsWithKeys, type NewClientRow } from "./bulk";
import { parseClientCsv, type ParsedClientRow, type RowError } from "./client-csv";

// CSV import of clients: check the whole file, then write it all or nothing. Codes are new and
// random; identity fields go to the vault (a separate connection, so a failed import deletes
// the vault rows it wrote); the clinical rows go in one transaction.

export type ClientImportResult =
  | { ok: true; imported: number; withIdentity: number; rows: number }
  | { ok: false; rows: number; errors: RowError[] };

export interface ClientImportPreview {
  rows: number;
  valid: number;
  withIdentity: number;
  errors: RowError[];
}

async function resolve(actor: Actor, text: string) {
  if (!isClinician(actor)) throw forbidden();
  const parsed = parseClientCsv(text);
  const clinicians = await db().membership.findMany({
    where: { practiceId: actor.practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
    select: { id: true, user: { select: { email: true } } },
  });
  const byEmail = new Map(clinicians.map((m) => [m.user.email.toLowerCase(), m.id]));
  const errors = [...parsed.errors];
  const assigned: { row: ParsedClientRow; membershipId: string }[] = [];
  for (const row of parsed.rows) {
    const membershipId = row.clinicianEmail ? byEmail.get(row.clinicianEmail) : actor.membershipId;
    if (actor.role === "THERAPIST" && membershipId !== actor.membershipId) {
      errors.push({ row: row.row, column: "clinician_email", message: "You can import clients only onto your own caseload: leave clinician_email empty or use your own email." });
    } else if (!membershipId) {
      errors.push({ row: row.row, column: "clinician_email", message: "No clinician (owner or therapist) of this practice signs in with that email." });
    } else {
      assigned.push({ row, membershipId });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows: parsed.total, assigned, errors };
}

/** Checks a file without writing anything. */
export async function previewClientImport(actor: Actor, text: string): Promise<ClientImportPreview> {
  const { rows, assigned, errors } = await resolve(actor, text);
  return { rows, valid: assigned.length, withIdentity: assigned.filter((a) => a.row.identity).length, errors };
}

/** Imports every row or none. A file with any error imports nothing and says why. */
export async function commitClientImport(actor: Actor, text: string, context: AuditContext): Promise<ClientImportResult> {
  const { rows, assigned, errors } = await resolve(actor, text);
  if (errors.length > 0) return { ok: false, rows, errors };

  const codes = await freshClientCodes(assigned.length, generateClientCode);
  const now = new Date();
  const clients: NewClientRow[] = assigned.map((a, i) => ({
    id: randomUUID(),
    practiceId: actor.practiceId,
    code: codes[i]!,
    label: a.row.label,
    status: "ACTIVE",
    createdAt: now,
    dischargedAt: null,
    retentionDueAt: null,
    legalHoldUntil: null,
    legalHoldReason: null,
    reflectionsInvitedAt: null,
    reflectionsAcceptedAt: null,
    remindersOptedInAt: null,
    remindersOptInById: null,
  }));
  const identities = assigned.flatMap((a, i) => (a.row.identity ? [{ client: clients[i]!, identity: a.row.identity }] : []));
  try {
    await db().$transaction(
      async (tx) => {
        await insertClientsWithKeys(tx, clients);
        await tx.clientAssignment.createMany({ data: assigned.map((a, i) => ({ clientId: clients[i]!.id, membershipId: a.membershipId, assignedAt: now })) });
        await storeIdentities(identities);
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actor: memberActor(actor),
          action: "client.imported",
          target: null,
          outcome: "SUCCESS",
          details: { clients: clients.length, identities: identities.length, format: "csv" },
          context,
        });
      },
      { timeout: 180_000, maxWait: 30_000 },
    );
  } catch (error) {
    // The clinical rows rolled back; the vault is another connection, so undo it by hand.
    await destroyIdentities(actor.practiceId, identities.map((i) => i.client.id)).catch(() => {});
    throw error;
  }
  return { ok: true, imported: clients.length, withIdentity: identities.length, rows };
}
