import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { config } from "@/lib/config";
import { formatClientCode } from "@/lib/clients/code";
import { effectiveDue, REQUEST_KINDS, REQUEST_STATUS_LABEL } from "@/lib/requests/kinds";
import { cardTable } from "@/components/ui/card-table";
import { listPracticeRequests } from "@/lib/requests/list-practice-requests";
import { handlesDataRequests, needsHarmReview } from "@/lib/requests/request-steps";

export const metadata: Metadata = { title: "Data requests" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function RequestsPage() {
  const actor = await requireActor();
  if (!handlesDataRequests(actor)) redirect("/dashboard");
  const { open, closed } = await listPracticeRequests(actor);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Data requests"
        description="Requests from clients about their data. The law gives one month from receipt (three for complex requests, if you extend with a reason)."
        actions={<Link href="/requests/retention" className="text-sm font-semibold text-brand-700 underline">Retention</Link>}
      />
      <p className="mb-6 rounded-md bg-slate-100 px-3 py-2 text-sm">
        People without portal access can use your public request page:{" "}
        <span className="break-all font-mono">{`${config().APP_URL}/request/${actor.practiceId}`}</span>
      </p>
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-lg font-semibold">Open ({open.length})</h2>
        {open.length === 0 ? (
          <EmptyState title="No open requests">New requests from the client portal appear here with their due date.</EmptyState>
        ) : (
          <div className={cardTable.wrap}>
            <table className={cardTable.table}>
              <caption className="sr-only">Open requests, soonest due first</caption>
              <thead className={cardTable.head}>
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">Due</th>
                  <th scope="col" className="px-4 py-3 font-medium">Request</th>
                  <th scope="col" className="px-4 py-3 font-medium">Client</th>
                  <th scope="col" className="px-4 py-3 font-medium">Received</th>
                  <th scope="col" className="px-4 py-3 font-medium">Identity</th>
                  <th scope="col" className="px-4 py-3 font-medium">Harm review</th>
                </tr>
              </thead>
              <tbody className={cardTable.body}>
                {open.map((r) => {
                  const due = effectiveDue(r).toISOString().slice(0, 10);
                  return (
                    <tr key={r.id} className={cardTable.row}>
                      <td className={cardTable.cell} data-label="Due">
                        <span>
                          <span className={due < today ? "font-semibold text-red-700" : ""}>{day.format(effectiveDue(r))}</span>
                          {due < today ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">Overdue</span> : null}
                          {r.extendedDueOn ? <span className="ml-2 text-xs text-muted">Extended</span> : null}
                        </span>
                      </td>
                      <td className={cardTable.cell} data-label="Request">
                        <Link href={`/requests/${r.id}`} className="font-semibold text-brand-700 underline">{REQUEST_KINDS[r.kind].title}</Link>
                      </td>
                      <td className={`${cardTable.cell} font-mono`} data-label="Client">{r.clientCode ? formatClientCode(r.clientCode) : <span className="font-sans text-muted">Public form, not linked</span>}</td>
                      <td className={cardTable.cell} data-label="Received">{day.format(r.receivedAt)}</td>
                      <td className={cardTable.cell} data-label="Identity">{r.identityVerified ? "Verified (portal)" : "To verify"}</td>
                      <td className={cardTable.cell} data-label="Harm review">{!needsHarmReview(r) ? "Not needed" : r.harmReviewAt ? "Done" : "Needed"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {closed.length > 0 ? (
        <section aria-labelledby="closed-heading" className="mt-10 space-y-3">
          <h2 id="closed-heading" className="text-lg font-semibold">Recently closed</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {closed.map((r) => (
              <li key={r.id} className="flex flex-wrap gap-x-4 px-4 py-2">
                <Link href={`/requests/${r.id}`} className="font-medium text-brand-700 underline">{REQUEST_KINDS[r.kind].title}</Link>
                <span className="font-mono">{r.clientCode ? formatClientCode(r.clientCode) : "—"}</span>
                <span className="text-muted">{REQUEST_STATUS_LABEL[r.status]}{r.closedAt ? ` ${day.format(r.closedAt)}` : ""}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
