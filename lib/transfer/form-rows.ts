import { z } from "zod";
import { fieldSchema } from "@/lib/forms/schema";

// The practice export's form entities (format version 1, added with practice forms): the forms
// and their versions (practice content), the forms sent to clients with their clinical answers
// (decrypted, as notes are), the consent records, and the identity answers and typed signature
// names from the vault (IDENTIFYING, like identities).

const iso = z.iso.datetime({ offset: true });
const uuid = z.uuid();
const hex = z.string().regex(/^[0-9a-f]*$/);
const answers = z.record(z.string().max(40), z.string().max(5000));

export const formRow = z.object({ id: uuid, createdById: uuid, createdAt: iso, archivedAt: iso.nullable() });
export const formVersionRow = z.object({
  id: uuid,
  formId: uuid,
  number: z.number().int().min(1),
  title: z.string().min(1).max(120),
  fields: z.array(fieldSchema).max(40),
  createdAt: iso,
  updatedAt: iso,
  publishedAt: iso.nullable(),
  publishedById: uuid.nullable(),
  contentHash: hex.nullable(),
});
export const clientFormRow = z.object({
  id: uuid,
  clientCode: z.string(),
  formId: uuid,
  formVersionId: uuid,
  sentById: uuid,
  sentAt: iso,
  savedAt: iso.nullable(),
  submittedAt: iso.nullable(),
  /** The clinical answers by question id (identity answers are in form_identity_answers). */
  answers,
});
export const formConsentRow = z.object({ id: uuid, clientFormId: uuid, formVersionId: uuid, fieldId: z.string().max(40), statementHash: hex, agreed: z.boolean(), recordedAt: iso });
export const formIdentityAnswerRow = z.object({ clientFormId: uuid, answers });
