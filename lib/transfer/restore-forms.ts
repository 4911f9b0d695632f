import "server-only";
import { sealWith } from "@/lib/crypto/envelope";
import { answersAad } from "@/lib/forms/portal-forms";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { chunks } from "./bulk";
import type { ImportMaps } from "./check-practice-import";
import type { ClientKey } from "./restore-clients";

/** Inserts forms, their versions (published ones as published), sent forms (answers sealed under each client's new key) and consents. */
export async function restoreForms(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps, key: ClientKey) {
  const { member, memberOrNull, clientIdOf } = maps;
  const hex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
  for (const part of chunks(rows.forms)) {
    await tx.practiceForm.createMany({ data: part.map((f) => ({ id: f.id, practiceId, createdById: member(f.createdById), createdAt: new Date(f.createdAt), archivedAt: f.archivedAt ? new Date(f.archivedAt) : null })) });
  }
  for (const part of chunks(rows.form_versions)) {
    await tx.practiceFormVersion.createMany({
      data: part.map((v) => ({
        id: v.id,
        practiceId,
        formId: v.formId,
        number: v.number,
        title: v.title,
        fields: v.fields as unknown as Prisma.InputJsonValue,
        createdAt: new Date(v.createdAt),
        updatedAt: new Date(v.updatedAt),
        publishedAt: v.publishedAt ? new Date(v.publishedAt) : null,
        publishedById: memberOrNull(v.publishedById),
        contentHash: v.contentHash ? hex(v.contentHash) : null,
      })),
    });
  }
  for (const part of chunks(rows.client_forms)) {
    await tx.clientForm.createMany({
      data: part.map((s) => {
        const clientId = clientIdOf.get(s.clientCode)!;
        return {
          id: s.id,
          practiceId,
          clientId,
          formId: s.formId,
          formVersionId: s.formVersionId,
          sentById: member(s.sentById),
          sentAt: new Date(s.sentAt),
          savedAt: s.savedAt ? new Date(s.savedAt) : null,
          submittedAt: s.submittedAt ? new Date(s.submittedAt) : null,
          answersEnc: s.savedAt ? new Uint8Array(sealWith(key(clientId), JSON.stringify(s.answers), answersAad(s.id))) : null,
        };
      }),
    });
  }
  for (const part of chunks(rows.form_consents)) {
    await tx.formConsent.createMany({ data: part.map((c) => ({ id: c.id, practiceId, clientFormId: c.clientFormId, formVersionId: c.formVersionId, fieldId: c.fieldId, statementHash: hex(c.statementHash), agreed: c.agreed, recordedAt: new Date(c.recordedAt) })) });
  }
}

/** Problems with the archive's forms before anything is written (references and members). */
export function formProblems(rows: EntityRows, clientIdOf: Map<string, string>): string[] {
  const problems: string[] = [];
  const formIds = new Set(rows.forms.map((f) => f.id));
  const versionById = new Map(rows.form_versions.map((v) => [v.id, v]));
  const sentIds = new Set(rows.client_forms.map((s) => s.id));
  for (const v of rows.form_versions) if (!formIds.has(v.formId)) problems.push(`Form version ${v.id} belongs to a form that is not in forms.json.`);
  for (const s of rows.client_forms) {
    if (!clientIdOf.has(s.clientCode)) problems.push(`Sent form ${s.id} belongs to a client code that is not in clients.json.`);
    if (versionById.get(s.formVersionId)?.formId !== s.formId || !versionById.get(s.formVersionId)?.publishedAt) problems.push(`Sent form ${s.id} points at a form version that is not a published version of its form.`);
  }
  for (const c of rows.form_consents) if (!sentIds.has(c.clientFormId)) problems.push(`Consent ${c.id} belongs to a sent form that is not in client_forms.json.`);
  for (const a of rows.form_identity_answers) if (!sentIds.has(a.clientFormId)) problems.push(`Identity answers belong to sent form ${a.clientFormId}, which is not in client_forms.json.`);
  return problems;
}

/** Member ids the archive's forms refer to (each must be a member here). */
export const formMemberIds = (rows: EntityRows) => [...rows.forms.map((f) => f.createdById), ...rows.form_versions.flatMap((v) => (v.publishedById ? [v.publishedById] : [])), ...rows.client_forms.map((s) => s.sentById)];
