import "server-only";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { readFormIdentityAnswers } from "@/lib/vault/form-answers";
import { answersAad } from "./portal-forms";
import { storedFields } from "./schema";

// The client's forms in their copy of their data (access request): every question with their
// answer (identity answers from the vault, clinical ones decrypted) and each consent with the
// form version, the time and the name they typed.


export async function formsForClientCopy(client: { id: string; practiceId: string }, key: Buffer) {
  const rows = await db().clientForm.findMany({ where: { clientId: client.id, practiceId: client.practiceId }, orderBy: { sentAt: "asc" }, include: { version: true, consents: true } });
  return Promise.all(
    rows.map(async (r) => {
      const fields = storedFields(r.version.fields);
      const answers = { ...(r.answersEnc ? (JSON.parse(openWith(key, r.answersEnc, answersAad(r.id))) as Record<string, string>) : {}), ...(await readFormIdentityAnswers(client.practiceId, r.id)) };
      const consents = new Map(r.consents.map((c) => [c.fieldId, c]));
      return {
        title: r.version.title,
        version: r.version.number,
        sentAt: r.sentAt.toISOString(),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        answers: fields.filter((f) => f.kind !== "consent").map((f) => ({ question: f.label, answer: answers[f.id] ?? null })),
        consents: fields.filter((f) => f.kind === "consent").map((f) => ({ statement: f.statement, agreed: consents.get(f.id)?.agreed ?? null, recordedAt: consents.get(f.id)?.recordedAt.toISOString() ?? null, signedAs: answers[f.id] ?? null })),
      };
    }),
  );
}

/** The forms section of the readable copy. */
