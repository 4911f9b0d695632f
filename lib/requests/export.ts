import "server-only";
import { strToU8, zipSync } from "fflate";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { clientEventIds } from "@/lib/audit/client-events";
import { formatClientCode } from "@/lib/clients/code";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { notesDataKey } from "@/lib/notes/keys";
import { layoutOf, normaliseSections, type Sections } from "@/lib/notes/templates";
import { readIdentity } from "@/lib/vault/read-identity";
import { measuresForCopy } from "@/lib/measures/access-copy";
import { formsForClientCopy } from "@/lib/forms/client-copy";
import { accessCopyHtml } from "./access-copy-html";
import { WITHHOLDING_GROUNDS, type WithholdingGround } from "./grounds";

// A client's copy of their data (GDPR Art. 15): identity, signed clinical notes with addenda
// (decrypted), reflections, forms (answers and consents), requests and the audit events about their record, as export.json
// (machine readable) and export.html (readable, with a cover page), in one ZIP. Drafts are not
// part of the record yet; notes the serious-harm review withheld are left out, and the copy
// names only the grounds (never which notes, their dates or how many): the record history
// leaves out every event about a withheld note too (its signing would date it). The history
// finds the events about the client the way the audit review does (lib/audit/client-events.ts),
// so the events about their requests are in it too.

const COVER = {
  purposes: "To provide you with therapy: keeping session notes, arranging appointments, contacting you, and meeting our professional and legal duties.",
  retention: "We keep records for the period in the practice's retention policy (by default 7 years after your last contact, or until you are 25 if you were under 18), then destroy them.",
  recipients: "Your records are seen only by the clinicians who work with you. We share them outside the practice only with your consent or where the law requires it (for example, to protect someone from serious harm).",
  rights: "You can ask for a copy of your data, ask us to correct it, ask us to delete it, or object to how we use it. You can also complain to the Information Commissioner's Office (ico.org.uk).",
};

export interface WithheldNote {
  noteId: string;
  ground: WithholdingGround;
}

export async function buildClientExport(clientId: string, withheld: readonly WithheldNote[] = []) {
  const client = await db().client.findUniqueOrThrow({ where: { id: clientId } });
  const key = await notesDataKey(clientId);
  const withheldIds = withheld.map((w) => w.noteId);
  const [identity, notes, reflections, requests, events, measures] = await Promise.all([
    readIdentity(client),
    db().note.findMany({ where: { clientId, kind: "CLINICAL", status: "SIGNED", id: { notIn: withheldIds } }, orderBy: { sessionDate: "asc" }, include: { addenda: { orderBy: { createdAt: "asc" } } } }),
    db().reflection.findMany({ where: { clientId }, orderBy: { createdAt: "asc" } }),
    db().dataRequest.findMany({ where: { clientId }, orderBy: { receivedAt: "asc" } }),
    db().auditEvent.findMany({
      where: { practiceId: client.practiceId, id: { in: await clientEventIds(client.practiceId, client.code) } },
      orderBy: { id: "asc" },
      select: { occurredAt: true, actorType: true, actorRole: true, action: true, outcome: true, targetType: true, targetId: true },
    }),
    measuresForCopy(clientId, key),
  ]);
  const forms = await formsForClientCopy(client, key);
  const withheldSet = new Set(withheldIds);
  const history = events.filter((e) => !(e.targetType === "note" && e.targetId && withheldSet.has(e.targetId)));
  const data = {
    generatedAt: new Date().toISOString(),
    client: { code: formatClientCode(client.code), status: client.status, since: client.createdAt.toISOString() },
    identity,
    notes: notes.map((n) => ({
      sessionDate: n.sessionDate.toISOString().slice(0, 10),
      template: layoutOf(n).name,
      status: n.status,
      signedAt: n.signedAt?.toISOString() ?? null,
      sections: normaliseSections(layoutOf(n), (JSON.parse(openWith(key, n.contentEnc, `note:${n.id}`)) as { sections: Sections }).sections),
      addenda: n.addenda.map((a) => ({ addedAt: a.createdAt.toISOString(), text: openWith(key, a.contentEnc, `addendum:${a.id}`) })),
    })),
    reflections: reflections.map((r) => ({ writtenAt: r.createdAt.toISOString(), shared: r.sharedAt !== null, text: openWith(key, r.bodyEnc, `reflection:${r.id}`) })),
    questionnaires: measures,
    forms,
    requests: requests.map((r) => ({ kind: r.kind, receivedAt: r.receivedAt.toISOString(), status: r.status, outcome: r.outcome })),
    recordHistory: history.map((e) => ({ at: e.occurredAt.toISOString(), who: e.actorType === "CLIENT" ? "you" : (e.actorRole ?? "system").toLowerCase(), what: isAuditAction(e.action) ? AUDIT_ACTIONS[e.action].past : e.action, outcome: e.outcome })),
    withheld: [...new Set(withheld.map((w) => w.ground))].sort().map((ground) => ({ ground, why: WITHHOLDING_GROUNDS[ground] })),
    aboutThisCopy: COVER,
  };
  const html = accessCopyHtml({
    ...data,
    cover: COVER,
    notes: data.notes.map((n, i) => ({ ...n, sectionLabels: Object.fromEntries(layoutOf(notes[i]!).sections.map((s) => [s.key, s.label])) })),
  });
  const zip = zipSync({ "export.json": strToU8(JSON.stringify(data, null, 2)), "export.html": strToU8(html) });
  return { zip, code: client.code };
}
