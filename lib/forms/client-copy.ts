import "server-only";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { readFormIdentityAnswers } from "@/lib/vault/form-answers";
import { answersAad } from "./portal-forms";
import { storedFields } from "./schema";

// The client's forms in their copy of their data (access request): every question with their
// answer (identity answers from the vault, clinical ones decrypted) and each consent with the
// form version, the time and the name they typed.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

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
export function formsHtml(forms: Awaited<ReturnType<typeof formsForClientCopy>>): string {
  if (forms.length === 0) return "<p>No forms.</p>";
  return forms
    .map((f) => `<article><h3>${esc(f.title)} (version ${f.version})</h3><p>Sent ${esc(f.sentAt.slice(0, 10))}${f.submittedAt ? `, completed ${esc(f.submittedAt.slice(0, 10))}` : ", not completed"}</p><dl>${f.answers.map((a) => `<dt>${esc(a.question)}</dt><dd>${esc(a.answer ?? "(no answer)")}</dd>`).join("")}</dl>${f.consents.map((c) => `<blockquote><pre>${esc(c.statement)}</pre><p>${c.agreed === null ? "Not answered" : c.agreed ? "You agreed" : "You did not agree"}${c.recordedAt ? ` on ${esc(c.recordedAt.slice(0, 16).replace("T", " "))}` : ""}${c.signedAs ? `, signed as ${esc(c.signedAs)}` : ""}</p></blockquote>`).join("")}</article>`)
    .join("");
}
