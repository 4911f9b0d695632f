import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isClinician } from "@/lib/clients/access";
import { formatClientCode } from "@/lib/clients/code";
import { listOwnDrafts } from "@/lib/notes/list-own-drafts";
import { TEMPLATES } from "@/lib/notes/templates";
import { roleLabel } from "@/lib/practice/roles";
import { effectiveDue, REQUEST_KINDS } from "@/lib/requests/kinds";
import { listAssignedRequests } from "@/lib/requests/list-assigned-requests";
import { listPracticeRequests } from "@/lib/requests/list-practice-requests";
import { RiskPanel } from "./risk-panel";

export const metadata: Metadata = { title: "Overview" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function DashboardPage() {
  const actor = await requireActor();
  const [drafts, requests, assigned] = await Promise.all([
    isClinician(actor) ? listOwnDrafts(actor) : Promise.resolve([]),
    actor.role === "OWNER" ? listPracticeRequests(actor) : Promise.resolve(null),
    actor.role === "THERAPIST" ? listAssignedRequests(actor) : Promise.resolve([]),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const overdue = requests?.open.filter((r) => effectiveDue(r).toISOString().slice(0, 10) < today).length ?? 0;
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.displayName}`}
        description={`You are signed in to ${actor.practiceName} as ${roleLabel(actor.role).toLowerCase()}.`}
        actions={<ButtonLink href="/clients" variant="secondary">Clients</ButtonLink>}
      />
      <RiskPanel actor={actor} />
      <div className="grid gap-8 lg:grid-cols-2">
        {isClinician(actor) ? (
          <section aria-labelledby="drafts-heading" className="space-y-3">
            <h2 id="drafts-heading" className="text-lg font-semibold">Notes to sign ({drafts.length})</h2>
            {drafts.length === 0 ? (
              <EmptyState title="All your notes are signed">Drafts you have not signed yet appear here, oldest first.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {drafts.map((n) => {
                  const code = formatClientCode(n.client.code);
                  return (
                    <li key={n.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                      <span className="font-mono font-semibold">{code}</span>
                      <span className="text-sm text-muted">{n.client.label ?? ""}</span>
                      <span className="text-sm">{day.format(n.sessionDate)} · {TEMPLATES[n.template].name} · {n.wordCount} words</span>
                      <Link href={`/clients/${code}/notes/${n.id}`} className="ml-auto text-sm font-semibold text-brand-700 underline" aria-label={`Continue the ${day.format(n.sessionDate)} note for ${code}`}>
                        Continue
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        ) : null}
        {assigned.length > 0 ? (
          <section aria-labelledby="assigned-heading" className="space-y-3">
            <h2 id="assigned-heading" className="text-lg font-semibold">Data requests for you</h2>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {assigned.map((r) => (
                <li key={r.id} className="px-4 py-3">
                  <Link href={`/requests/${r.id}`} className="font-semibold text-brand-700 underline">{REQUEST_KINDS[r.kind].title}</Link>
                  <span className="text-sm text-muted"> · due {day.format(effectiveDue(r))}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {requests ? (
          <section aria-labelledby="requests-heading" className="space-y-3">
            <h2 id="requests-heading" className="text-lg font-semibold">Data requests</h2>
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <p>
                {requests.open.length === 0 ? "No open requests." : `${requests.open.length} open${overdue ? `, ${overdue} overdue` : ""}.`}{" "}
                <Link href="/requests" className="font-semibold text-brand-700 underline">Open the queue</Link>
              </p>
            </div>
          </section>
        ) : null}
      </div>
    </>
  );
}
