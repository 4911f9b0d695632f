import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { isClinician, seesNoteActivity, seesOwnCaseloadOnly } from "@/lib/clients/access";
import { caseloadQuerySchema } from "@/lib/clients/schema";
import { listCaseload } from "@/lib/clients/list-caseload";
import { formatClientCode } from "@/lib/clients/code";
import { caseloadMeasureQuerySchema, caseloadMeasures, sortCaseloadByMeasure } from "@/lib/measures/caseload";
import { MEASURES } from "@/lib/measures/definitions";

export const metadata: Metadata = { title: "Clients" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const parsed = caseloadQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : { q: "", status: "active" as const };
  const measureQuery = caseloadMeasureQuerySchema.parse(params);
  const listed = await listCaseload(actor, query);
  const scores = await caseloadMeasures(actor, listed.map((c) => c.id), measureQuery.measure);
  const clients = sortCaseloadByMeasure(listed.map((c) => ({ ...c, measure: scores.get(c.id) ?? null })), measureQuery);
  const showMeasures = isClinician(actor);
  const measureName = MEASURES[measureQuery.measure].name;
  await recordAuditRead(actor, "client.caseload_viewed", { count: clients.length, searched: query.q !== "", status: query.status }, await requestAuditContext());
  const showNotes = seesNoteActivity(actor);
  return (
    <>
      <PageHeader
        title={seesOwnCaseloadOnly(actor) ? "Your caseload" : "Clients"}
        description="Clients are known here by their code and an optional working label. Identities stay in the vault."
        actions={isClinician(actor) ? <ButtonLink href="/clients/new">New client</ButtonLink> : undefined}
      />
      <form role="search" className="mb-4 flex flex-wrap items-end gap-3" action="/clients">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="block text-sm font-medium text-ink">Search by code or label</label>
          <input id="q" name="q" type="search" defaultValue={query.q} autoComplete="off" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base" />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-ink">Show</label>
          <select id="status" name="status" defaultValue={query.status} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
            <option value="active">Active clients</option>
            <option value="discharged">Discharged clients</option>
          </select>
        </div>
        {showMeasures ? (
          <>
            <div>
              <label htmlFor="measure" className="block text-sm font-medium text-ink">Measure</label>
              <select id="measure" name="measure" defaultValue={measureQuery.measure} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
                {Object.values(MEASURES).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="change" className="block text-sm font-medium text-ink">Change</label>
              <select id="change" name="change" defaultValue={measureQuery.change} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
                <option value="any">Any</option>
                <option value="deterioration">Reliable deterioration</option>
                <option value="none">No reliable change</option>
                <option value="improvement">Reliable improvement</option>
                <option value="recovered">Recovered</option>
                <option value="unmeasured">No scores yet</option>
              </select>
            </div>
            <div>
              <label htmlFor="sort" className="block text-sm font-medium text-ink">Sort by</label>
              <select id="sort" name="sort" defaultValue={measureQuery.sort} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
                <option value="label">Label</option>
                <option value="score">Latest score (highest first)</option>
                <option value="change">Change (worst first)</option>
              </select>
            </div>
          </>
        ) : null}
        <Button type="submit" variant="secondary">Search</Button>
      </form>
      {actor.role !== "THERAPIST" ? <p className="mb-4 text-sm"><Link href="/measures/outcomes" className="font-semibold text-brand-700 underline">Outcomes summary</Link> (counts only)</p> : null}
      {clients.length === 0 ? (
        <EmptyState
          title={query.q ? "No client matches that search" : query.status === "active" ? "No active clients yet" : "No discharged clients"}
          action={isClinician(actor) && !query.q && query.status === "active" ? <ButtonLink href="/clients/new">Add your first client</ButtonLink> : undefined}
        >
          {query.q ? "Check the code (letters and digits, dashes optional) or try part of the label." : null}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Clients ({clients.length})</caption>
            <thead className="bg-slate-50 text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Code</th>
                <th scope="col" className="px-4 py-3 font-medium">Label</th>
                <th scope="col" className="px-4 py-3 font-medium">Clinicians</th>
                {showNotes ? <th scope="col" className="px-4 py-3 font-medium">Last session</th> : null}
                {showNotes ? <th scope="col" className="px-4 py-3 font-medium">Unsigned notes</th> : null}
                {showMeasures ? <th scope="col" className="px-4 py-3 font-medium">{measureName} latest</th> : null}
                {showMeasures ? <th scope="col" className="px-4 py-3 font-medium">{measureName} change</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {clients.map((c) => (
                <tr key={c.code} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/clients/${formatClientCode(c.code)}`} className="whitespace-nowrap font-mono font-semibold text-brand-700 underline-offset-2 hover:underline">
                      {formatClientCode(c.code)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{c.label ?? <span className="text-muted">—</span>}</td>
                  <td className="px-4 py-3 text-muted">{c.clinicians.join(", ")}</td>
                  {showNotes ? <td className="px-4 py-3">{c.lastSession ? day.format(c.lastSession) : <span className="text-muted">None yet</span>}</td> : null}
                  {showNotes ? (
                    <td className="px-4 py-3">
                      {c.unsignedNotes ? (
                        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{c.unsignedNotes} to sign</span>
                      ) : (
                        <span className="text-muted">0</span>
                      )}
                    </td>
                  ) : null}
                  {showMeasures ? <td className="px-4 py-3" data-testid="latest-score">{c.measure?.latest ?? <span className="text-muted">—</span>}</td> : null}
                  {showMeasures ? <td className="px-4 py-3">{c.measure?.change ?? <span className="text-muted">{c.measure ? "One score" : "—"}</span>}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
