import "server-only";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { answersAad } from "@/lib/forms/portal-forms";
import { storedFields } from "@/lib/forms/schema";
import { readPracticeFormIdentityAnswers } from "@/lib/vault/form-answers";
import type { EntityRows } from "./archive";

// The practice export's form entities: forms and versions as they are, sent forms with their
// clinical answers decrypted under each client's notes key, consents, and from the vault the
// identity answers and typed names.

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

type FormEntities = Pick<EntityRows, "forms" | "form_versions" | "client_forms" | "form_consents" | "form_identity_answers">;

export async function collectForms(practiceId: string, codeOf: Map<string, string>, keyFor: (clientId: string) => Promise<Buffer | null>): Promise<FormEntities> {
  const prisma = db();
  const [forms, versions, sent, consents, identity] = await Promise.all([
    prisma.practiceForm.findMany({ where: { practiceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.practiceFormVersion.findMany({ where: { practiceId }, orderBy: [{ formId: "asc" }, { number: "asc" }] }),
    prisma.clientForm.findMany({ where: { practiceId }, orderBy: [{ sentAt: "asc" }, { id: "asc" }] }),
    prisma.formConsent.findMany({ where: { practiceId }, orderBy: [{ recordedAt: "asc" }, { id: "asc" }] }),
    readPracticeFormIdentityAnswers(practiceId),
  ]);
  const sentIds = new Set(sent.map((s) => s.id));
  return {
    forms: forms.map((f) => ({ id: f.id, createdById: f.createdById, createdAt: f.createdAt.toISOString(), archivedAt: isoOrNull(f.archivedAt) })),
    form_versions: versions.map((v) => ({
      id: v.id,
      formId: v.formId,
      number: v.number,
      title: v.title,
      fields: storedFields(v.fields),
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
      publishedAt: isoOrNull(v.publishedAt),
      publishedById: v.publishedById,
      contentHash: v.contentHash ? hexOf(v.contentHash) : null,
    })),
    client_forms: await Promise.all(
      sent.map(async (s) => {
        const key = s.answersEnc ? await keyFor(s.clientId) : null;
        if (s.answersEnc && !key) throw new Error(`notes key missing for a client of practice ${practiceId}`);
        return {
          id: s.id,
          clientCode: codeOf.get(s.clientId)!,
          formId: s.formId,
          formVersionId: s.formVersionId,
          sentById: s.sentById,
          sentAt: s.sentAt.toISOString(),
          savedAt: isoOrNull(s.savedAt),
          submittedAt: isoOrNull(s.submittedAt),
          answers: s.answersEnc && key ? (JSON.parse(openWith(key, s.answersEnc, answersAad(s.id))) as Record<string, string>) : {},
        };
      }),
    ),
    form_consents: consents.map((c) => ({ id: c.id, clientFormId: c.clientFormId, formVersionId: c.formVersionId, fieldId: c.fieldId, statementHash: hexOf(c.statementHash), agreed: c.agreed, recordedAt: c.recordedAt.toISOString() })),
    form_identity_answers: [...identity].filter(([id]) => sentIds.has(id)).map(([clientFormId, answers]) => ({ clientFormId, answers })),
  };
}
