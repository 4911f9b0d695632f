import type { Metadata, Route } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { formatClientCode } from "@/lib/clients/code";
import { revealReasonsFor } from "@/lib/clients/reveal";
import { requireActor } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { stepUpPath } from "@/lib/entry/step-up";
import { readClientForm } from "@/lib/forms/read-answers";
import { IDENTITY_TARGETS } from "@/lib/forms/schema";
import { SENT_STATUS } from "@/lib/forms/send";
import { RevealPanel } from "../../reveal-panel";
import { revealFormIdentityAction } from "../actions";

export const metadata: Metadata = { title: "Form answers" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function ClientFormPage({ params }: { params: Promise<{ code: string; id: string }> }) {
  const actor = await requireActor();
  const { code: raw, id } = await params;
  const form = await orNotFound((context) => readClientForm(actor, decodeURIComponent(raw), id, context));
  const code = formatClientCode(form.client.code);
  const hasVault = form.questions.some((q) => q.home === "vault");
  return (
    <>
      <p className="text-sm text-muted"><Link href={`/clients/${code}` as Route} className="underline">Client {code}</Link> / form</p>
      <PageHeader
        title={form.title}
        description={`Version ${form.version} · sent ${when.format(form.sentAt)} · ${SENT_STATUS[form.status]}${form.submittedAt ? ` ${when.format(form.submittedAt)}` : ""}. Opening these answers is recorded.`}
      />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {form.questions.map((q, i) => (
            <li key={q.id} className="space-y-1 px-4 py-3" data-question={q.label}>
              <p className="font-medium">{i + 1}. {q.label}</p>
              {q.kind === "consent" ? (
                <>
                  <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm">{q.statement}</p>
                  <p className="text-sm" data-testid="consent-record">
                    {q.consent ? `${q.consent.agreed ? "Agreed" : "Did not agree"} on ${when.format(q.consent.at)} to version ${form.version} of this statement (fingerprint ${q.consent.statementHash}). The typed name is in the identity vault.` : "Not answered yet."}
                  </p>
                </>
              ) : q.identity ? (
                <p className="text-sm text-muted">Identity ({IDENTITY_TARGETS[q.identity]}): kept in the vault. Reveal it with a reason.</p>
              ) : (
                <p className="whitespace-pre-wrap" data-testid="clinical-answer">{q.answer ?? <span className="text-muted">Not answered yet.</span>}</p>
              )}
            </li>
          ))}
        </ol>
        {hasVault ? (
          <aside className="space-y-3 rounded-lg border border-amber-200 bg-amber-50/60 p-4">
            <h2 className="text-lg font-semibold">Identity answers</h2>
            {isSteppedUp(actor) ? (
              <RevealPanel code={code} reasons={revealReasonsFor("full")} reveal={revealFormIdentityAction} hidden={{ id }} button="Show identity answers" empty="The client has not given any identity answers on this form." />
            ) : (
              <p className="text-sm">Revealing these needs a recent confirmation of who you are. <Link href={stepUpPath(`/clients/${code}/forms/${id}`)} className="font-semibold text-brand-700 underline">Confirm it is you</Link></p>
            )}
          </aside>
        ) : null}
      </div>
    </>
  );
}
