import "server-only";
import { db } from "@/lib/db/client";
import { openAnswers } from "./answers";
import { asMeasureId, MEASURES } from "./definitions";

/** The client's completed questionnaires, decrypted, for their copy of their data (lib/requests/export.ts). */
export async function measuresForCopy(clientId: string, key: Uint8Array) {
  const rows = await db().measureResponse.findMany({ where: { clientId, completedAt: { not: null } }, orderBy: [{ takenOn: "asc" }, { completedAt: "asc" }] });
  return rows.map((r) => {
    const m = MEASURES[asMeasureId(r.measure)];
    const answers = openAnswers(key, r.id, r.answersEnc);
    return {
      measure: m.name,
      takenOn: r.takenOn!.toISOString().slice(0, 10),
      answeredAt: r.completedAt!.toISOString(),
      by: r.recordedById ? "your therapist, in session" : "you, in the portal",
      score: r.score,
      answers: m.items.map((item, i) => ({ item, answer: answers[i] === null || answers[i] === undefined ? null : m.options[answers[i]]! })),
      copyright: m.copyright,
    };
  });
}
