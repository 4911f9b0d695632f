// The readable half of a client's copy of their data (export.html): made to be read on a phone
// (viewport, one column), in words (labels, not field names; kinds and statuses as the portal
// says them) and with dates as people write them, in UK time. export.json keeps the exact values.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const TZ = "Europe/London";
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: TZ });
const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: TZ });
/** A calendar day (YYYY-MM-DD, no time zone) or an instant, as "1 September 2026". */
const day = (value: string) => dayFormat.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
const moment = (iso: string) => timeFormat.format(new Date(iso));

const IDENTITY_LABELS: Record<string, string> = {
  fullName: "Full name", preferredName: "Preferred name", dateOfBirth: "Date of birth", email: "Email address",
  phone: "Phone number", address: "Address", emergencyContact: "Emergency contact", gp: "GP",
};
const KIND_WORDS: Record<string, string> = { ACCESS: "A copy of your data", RECTIFICATION: "A correction", ERASURE: "Deleting your data", OBJECTION: "An objection or restriction" };
const STATUS_WORDS: Record<string, string> = { OPEN: "being handled", COMPLETED: "done", REFUSED: "not done", PARTLY_REFUSED: "partly done", WITHDRAWN: "withdrawn by you" };
const WHO_WORDS: Record<string, string> = { you: "You", owner: "The practice owner", therapist: "Your therapist", manager: "The practice manager", system: "Confide (automatically)" };

export interface AccessCopyData {
  generatedAt: string;
  client: { code: string };
  identity: Record<string, unknown> | null;
  notes: { sessionDate: string; template: string; sections: Record<string, string>; sectionLabels: Record<string, string>; addenda: { addedAt: string; text: string }[] }[];
  reflections: { writtenAt: string; shared: boolean; text: string }[];
  /** Completed questionnaires (lib/measures/access-copy.ts), with each measure's copyright line. */
  questionnaires: { measure: string; takenOn: string; by: string; score: number | null; answers: { item: string; answer: string | null }[]; copyright: string }[];
  /** Forms sent to the client (lib/forms/client-copy.ts): answers, and consents with the name typed. */
  forms: {
    title: string;
    version: number;
    sentAt: string;
    submittedAt: string | null;
    answers: { question: string; answer: string | null }[];
    consents: { statement: string; agreed: boolean | null; recordedAt: string | null; signedAs: string | null }[];
  }[];
  requests: { kind: string; receivedAt: string; status: string; outcome: string | null }[];
  recordHistory: { at: string; who: string; what: string }[];
  withheld: { why: string }[];
  cover: Record<string, string>;
}

export function accessCopyHtml(data: AccessCopyData): string {
  const section = (title: string, body: string) => `<section><h2>${esc(title)}</h2>${body}</section>`;
  const identity = data.identity ? Object.entries(data.identity).filter(([, v]) => v) : [];
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Your data at the practice</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.55;color:#1e293b;font-size:1.05rem;overflow-wrap:anywhere}h1{font-size:1.6rem;line-height:1.25}h2{margin-top:2.5rem;border-bottom:1px solid #cbd5e1;font-size:1.3rem}.cover{border:2px solid #115e59;padding:1rem 1.25rem;border-radius:.5rem;page-break-after:always}pre{white-space:pre-wrap;font-family:inherit;margin:.25rem 0 1rem}dt{font-weight:600;margin-top:.5rem}dd{margin:0 0 .25rem}article{border-top:1px solid #e2e8f0;padding-top:.5rem}ul{padding-left:1.2rem}.muted{color:#475569}</style></head><body>
<div class="cover"><h1>Your data at the practice</h1><p>Client code ${esc(data.client.code)}<br>Prepared ${esc(day(data.generatedAt))}</p>
${Object.entries({ "Why we hold it": data.cover.purposes, "How long we keep it": data.cover.retention, "Who sees it": data.cover.recipients, "Your rights": data.cover.rights }).map(([h, p]) => `<h3>${esc(h)}</h3><p>${esc(p ?? "")}</p>`).join("")}</div>
${data.withheld.length ? section("Information withheld from this copy", `<p>Some information we hold about you is not in this copy, on these grounds:</p><ul>${data.withheld.map((w) => `<li>${esc(w.why)}</li>`).join("")}</ul><p>You can ask us about this, and complain to the Information Commissioner's Office (ico.org.uk) if you are not satisfied.</p>`) : ""}
${section("About you", identity.length ? `<dl>${identity.map(([k, v]) => `<dt>${esc(IDENTITY_LABELS[k] ?? "Other detail")}</dt><dd>${esc(k === "dateOfBirth" ? day(String(v)) : String(v))}</dd>`).join("")}</dl>` : "<p>No personal details are recorded.</p>")}
${section("Session notes", data.notes.length ? data.notes.map((n) => `<article><h3>Session on ${esc(day(n.sessionDate))}</h3><p class="muted">${esc(n.template)}</p>${Object.entries(n.sections).map(([k, v]) => `<h4>${esc(n.sectionLabels[k] ?? "Note")}</h4><pre>${esc(v)}</pre>`).join("")}${n.addenda.map((a) => `<p><strong>Added on ${esc(day(a.addedAt))}:</strong> ${esc(a.text)}</p>`).join("")}</article>`).join("") : "<p>No session notes.</p>")}
${section("Your reflections", data.reflections.length ? data.reflections.map((r) => `<article><p class="muted">${esc(day(r.writtenAt))} · ${r.shared ? "shared with your therapist" : "private"}</p><pre>${esc(r.text)}</pre></article>`).join("") : "<p>None.</p>")}
${section("Your questionnaire answers", data.questionnaires.length ? data.questionnaires.map((q) => `<article><h3>${esc(q.measure)}, ${esc(day(q.takenOn))}</h3><p class="muted">Answered by ${esc(q.by)} · score ${esc(q.score === null ? "not scored" : String(q.score))}</p><ol>${q.answers.map((a) => `<li>${esc(a.item)}: <strong>${esc(a.answer ?? "not answered")}</strong></li>`).join("")}</ol><p class="muted"><small>${esc(q.copyright)}</small></p></article>`).join("") : "<p>None.</p>")}
${section("Your forms", data.forms.length ? data.forms.map((f) => `<article><h3>${esc(f.title)} (version ${f.version})</h3><p class="muted">Sent ${esc(day(f.sentAt))}${f.submittedAt ? `, completed ${esc(day(f.submittedAt))}` : ", not completed"}</p><dl>${f.answers.map((a) => `<dt>${esc(a.question)}</dt><dd>${esc(a.answer ?? "(no answer)")}</dd>`).join("")}</dl>${f.consents.map((c) => `<blockquote><pre>${esc(c.statement)}</pre><p>${c.agreed === null ? "Not answered" : c.agreed ? "You agreed" : "You did not agree"}${c.recordedAt ? ` on ${esc(moment(c.recordedAt))}` : ""}${c.signedAs ? `, signed as ${esc(c.signedAs)}` : ""}</p></blockquote>`).join("")}</article>`).join("") : "<p>No forms.</p>")}
${section("Your requests", data.requests.length ? `<ul>${data.requests.map((r) => `<li>${esc(KIND_WORDS[r.kind] ?? "A request")}, sent ${esc(day(r.receivedAt))}: ${esc(STATUS_WORDS[r.status] ?? "being handled")}${r.outcome ? `. ${esc(r.outcome)}` : ""}</li>`).join("")}</ul>` : "<p>None.</p>")}
${section("Who has looked at or changed your record", `<p class="muted">Times are UK time.</p><ul>${data.recordHistory.map((e) => `<li>${esc(moment(e.at))}: ${esc(WHO_WORDS[e.who] ?? "Someone at the practice")} ${esc(e.what)}</li>`).join("")}</ul>`)}
</body></html>`;
}
