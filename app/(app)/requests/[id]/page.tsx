import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { formatClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { refusableInPart, refusalGroundsFor, wholeRefusalHint, WITHHOLDING_GROUNDS } from "@/lib/requests/grounds";
import { OWNER_REVIEW_REASONS, readNotesForHarmReview, reviewOpensNotes, reviewStanding, storedWithheldNotes } from "@/lib/requests/harm-review";
import { effectiveDue, REQUEST_KINDS, REQUEST_STATUS_LABEL } from "@/lib/requests/kinds";
import { getRequest } from "@/lib/requests/get-request";
import { reviewCandidates } from "@/lib/requests/review-candidates";
import { handlesDataRequests, requestStepsFor } from "@/lib/requests/request-steps";
import { erasureNotice } from "@/lib/backup/erasure-notice";
import { assignAction, completeAction, eraseAction, extendAction, fulfilAccessAction, harmReviewAction, linkAction, refuseAction } from "../actions";
import { ContactPanel } from "./contact-panel";

export const metadata: Metadata = { title: "Data request" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const signedWhen = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ reason?: string | string[] }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { reason: rawReason } = await searchParams;
  const { request: r, details, reviewerName } = await orNotFound((context) => getRequest(actor, id, context));
  const steps = requestStepsFor(actor, r);
  const clinicians = handlesDataRequests(actor) ? await reviewCandidates(actor, r) : [];
  const assignee = clinicians.find((c) => c.id === r.assigneeId);
  const standing = steps.harmReview ? await reviewStanding(actor, r) : null;
  // The notes' content, decrypted and audited in lib: an assigned clinician's as anywhere, an unassigned owner's only after a reason.
  const review = reviewOpensNotes(standing, rawReason) ? await orNotFound((context) => readNotesForHarmReview(actor, r.id, rawReason, context)) : null;
  const reviewNotes = review?.notes ?? [];
  const withheldNow = new Map(storedWithheldNotes(r).map((w) => [w.noteId, w.ground]));
  const code = r.clientCode ? formatClientCode(r.clientCode) : null;
  const stepUpLink = <Link href={stepUpPath(`/requests/${r.id}`)} className="font-semibold text-brand-700 underline">confirm it is you</Link>;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={REQUEST_KINDS[r.kind].title}
        description={code ? <>From client <span className="font-mono">{code}</span>{r.clientId ? <> · <Link href={`/clients/${code}`} className="underline">open the record</Link></> : null}</> : "From the public request form: not yet linked to a client."}
      />
      {steps.link ? (
        <Panel title="Check who this is, then link the request">
          <p className="text-sm text-muted">The person&apos;s contact details are in the vault. Check their identity (for example, by calling the number your practice holds for them), then link the request to their record.</p>
          <ContactPanel id={r.id} steppedUp={isSteppedUp(actor)} stepUpHref={stepUpPath(`/requests/${r.id}`)} />
          <form action={linkAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="id" value={r.id} />
            <div className="w-64"><Input label="Client code" name="code" required autoComplete="off" /></div>
            <Button type="submit" variant="secondary">Link and mark verified</Button>
          </form>
        </Panel>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">Received</dt><dd>{day.format(r.receivedAt)} (via the {r.source})</dd>
        <dt className="text-muted">Due</dt><dd>{day.format(effectiveDue(r))}{r.extendedDueOn ? ` (extended: ${r.extensionReason})` : ""}</dd>
        <dt className="text-muted">Identity</dt><dd>{r.identityVerified ? (r.source === "portal" ? "Verified: the client signed in to the portal with their code and PIN" : "Verified by the practice, which linked the request to the client's record") : "Not verified yet"}</dd>
        <dt className="text-muted">Status</dt><dd>{REQUEST_STATUS_LABEL[r.status]}</dd>
        <dt className="text-muted">Assigned to</dt><dd>{assignee ? assignee.user.displayName : r.assigneeId ? "you" : "Nobody yet"}</dd>
        {details ? (<><dt className="text-muted">Client wrote</dt><dd className="whitespace-pre-wrap">{details}</dd></>) : null}
        {r.outcome ? (<><dt className="text-muted">Client is told</dt><dd>{r.outcome}</dd></>) : null}
        {r.harmReviewAt ? (
          <>
            <dt className="text-muted">Harm review</dt>
            <dd>
              {day.format(r.harmReviewAt)}, by {reviewerName ?? "a former member"}{r.harmReviewReason ? ` (not assigned to the client: ${OWNER_REVIEW_REASONS[r.harmReviewReason as keyof typeof OWNER_REVIEW_REASONS] ?? r.harmReviewReason})` : ""}: {r.harmReviewOpinion}
              {withheldNow.size ? ` Withheld from the copy: ${withheldNow.size} note${withheldNow.size === 1 ? "" : "s"}.` : " Nothing withheld."}
              {r.harmReviewWithheld ? ` Why withheld: ${r.harmReviewWithheld}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {steps.assign && clinicians.length > 0 ? (
        <form action={assignAction} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="id" value={r.id} />
          <div className="w-64">
            <Select label="Assign this request to a clinician" name="membershipId" defaultValue={r.assigneeId ?? clinicians[0]!.id}>
              {clinicians.map((c) => <option key={c.id} value={c.id}>{c.user.displayName}</option>)}
            </Select>
          </div>
          <Button type="submit" variant="secondary">Assign</Button>
        </form>
      ) : null}

      {steps.harmReview ? (
        <>
          {standing ? (
            <Panel title={r.harmReviewAt ? "1. Serious-harm review (recorded: change it here if needed)" : "1. Serious-harm review"}>
              <p className="text-sm text-muted">Before health data is released, a clinician who may read this record decides whether releasing it is likely to cause serious harm to the client or someone else, and withholds notes that would (or that would reveal another person). The copy leaves them out and tells the client only the ground. Unsigned drafts are never part of the copy.</p>
              {!review ? (
                <form method="get" className="space-y-3">
                  <p className="text-sm">You are not assigned to this client. To review their record you read their signed notes here; choose why first. Each note you read is recorded with this reason, and the client sees in their portal that the practice owner read their notes to review their request.</p>
                  <div className="w-full sm:w-96">
                    <Select label="Why are you reviewing their record?" name="reason" required defaultValue="">
                      <option value="" disabled>Choose…</option>
                      {Object.entries(OWNER_REVIEW_REASONS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                    </Select>
                  </div>
                  <Button type="submit" variant="secondary">Read the notes for this review</Button>
                </form>
              ) : (
              <form action={harmReviewAction} className="space-y-3">
                <input type="hidden" name="id" value={r.id} />
                {review.reason ? (
                  <>
                    <input type="hidden" name="reason" value={review.reason} />
                    <p className="text-sm">You are not assigned to this client. You are reading their notes because: {OWNER_REVIEW_REASONS[review.reason]}. Each read is recorded with this reason.</p>
                  </>
                ) : null}
                {reviewNotes.length ? (
                  <fieldset className="space-y-4">
                    <legend className="text-sm font-medium">Signed notes that go in the copy</legend>
                    {reviewNotes.map((n, i) => (
                      <article key={n.id} className="space-y-2 rounded-md border border-slate-200 p-3">
                        <h3 className="font-medium">Note {i + 1}: session of {day.format(new Date(`${n.sessionDate}T00:00:00Z`))} ({n.layout.name}){n.signedAt ? `, signed ${signedWhen.format(n.signedAt)} by ${n.signedByName}` : ""}</h3>
                        {n.layout.sections.map((sec) => (
                          <div key={sec.key}>
                            <p className="text-sm text-muted">{sec.label}</p>
                            <p className="whitespace-pre-wrap break-words">{n.sections[sec.key] || <span className="text-muted">(empty)</span>}</p>
                          </div>
                        ))}
                        {n.addenda.map((a) => (
                          <div key={a.id} className="border-l-2 border-slate-300 pl-3">
                            <p className="text-sm text-muted">Addendum by {a.authorName}, {signedWhen.format(a.createdAt)}</p>
                            <p className="whitespace-pre-wrap break-words">{a.text}</p>
                          </div>
                        ))}
                        <div className="w-full sm:w-96">
                          <Select label={`Note ${i + 1}: release or withhold`} name={`withhold:${n.id}`} defaultValue={withheldNow.get(n.id) ?? ""}>
                            <option value="">Release</option>
                            {Object.keys(WITHHOLDING_GROUNDS).map((g) => <option key={g} value={g}>{g === "serious_harm" ? "Withhold: serious harm" : "Withhold: about another person"}</option>)}
                          </Select>
                        </div>
                      </article>
                    ))}
                  </fieldset>
                ) : <p className="text-sm">There are no signed notes yet: the copy holds the client&apos;s details, reflections, requests and record history.</p>}
                <Textarea label="Your opinion" name="opinion" rows={3} required />
                <Textarea label="Why anything is withheld (for the practice; the client sees only the ground)" name="withheld" rows={2} />
                <Button type="submit">Record review</Button>
              </form>
              )}
            </Panel>
          ) : !r.harmReviewAt ? <p className="text-sm text-muted">The serious-harm review is recorded by a clinician assigned to this client, or by an owner with a reason.</p> : null}
          {steps.sendCopy ? <Panel title={standing ? "2. Send the client their copy" : "Send the client their copy"}>
            <p className="text-sm text-muted">Makes the copy now, once: a ZIP (a readable document with a cover page, and a machine-readable file) of their details, signed notes and addenda (less anything the review withheld, with the ground), reflections, requests and who looked at their record. It is stored encrypted, and the client downloads exactly that copy once from the portal, within 7 days.</p>
            {isSteppedUp(actor) ? (
              <form action={fulfilAccessAction}>
                <input type="hidden" name="id" value={r.id} />
                <Button type="submit" disabled={!steps.copyReady} aria-describedby={steps.copyReady ? undefined : "copy-needs-review"}>Prepare the copy</Button>
                {steps.copyReady ? null : <p id="copy-needs-review" className="mt-2 text-sm">The copy can be prepared once the serious-harm review is recorded.</p>}
              </form>
            ) : <p className="text-sm">Preparing the copy needs you to {stepUpLink} first.</p>}
          </Panel> : null}
        </>
      ) : null}

      {steps.complete ? (
        <Panel title="Complete">
          <p className="text-sm text-muted">Correct the details on the client&apos;s record (identity, or an addendum to a signed note), then tell the client what was done.</p>
          <form action={completeAction} className="space-y-3">
            <input type="hidden" name="id" value={r.id} />
            <Textarea label="What the client will be told" name="outcome" rows={3} required />
            <Button type="submit">Complete request</Button>
          </form>
        </Panel>
      ) : null}

      {steps.erase ? (
        <Panel title="Erase">
          <p className="text-sm">Destroys the client&apos;s keys (so their encrypted data left in Confide becomes unreadable), deletes their identity, notes, reflections and portal access. The audit trail keeps only the code and the fact of erasure. This cannot be undone.</p>
          <p className="text-sm text-muted">What the client is told about backups: {erasureNotice()}</p>
          {isSteppedUp(actor) ? (
            <form action={eraseAction} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="id" value={r.id} />
              <div className="w-48"><Input label="Type ERASE to confirm" name="confirm" required autoComplete="off" /></div>
              <Button type="submit" variant="danger">Erase for good</Button>
            </form>
          ) : <p className="text-sm">Erasure needs you to {stepUpLink} first.</p>}
        </Panel>
      ) : null}

      {steps.refuse ? (
        <Panel title={refusableInPart(r.kind) ? "Refuse (in whole or in part)" : "Refuse the whole request"}>
          {wholeRefusalHint(r.kind) ? <p className="text-sm text-muted">{wholeRefusalHint(r.kind)}</p> : null}
          <form action={refuseAction} className="space-y-3">
            <input type="hidden" name="id" value={r.id} />
            <Select label="Legal ground" name="ground" required defaultValue="">
              <option value="" disabled>Choose…</option>
              {refusalGroundsFor(r.kind).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </Select>
            <Textarea label="Explanation for the client (optional)" name="explanation" rows={2} />
            {refusableInPart(r.kind) ? <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="partly" className="size-4" /> Only in part</label> : null}
            <Button type="submit" variant="secondary">Record refusal</Button>
          </form>
        </Panel>
      ) : null}

      {steps.extend ? (
        <Panel title="Extend the deadline">
          <form action={extendAction} className="space-y-3">
            <input type="hidden" name="id" value={r.id} />
            <Textarea label="Why this request is complex (the client sees this)" name="reason" rows={2} required minLength={10} />
            <Button type="submit" variant="secondary">Extend by two months</Button>
          </form>
        </Panel>
      ) : null}
    </div>
  );
}
