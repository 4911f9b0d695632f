import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { formatClientCode } from "@/lib/clients/code";
import { requestAuditContext } from "@/lib/entry/context";
import { listRiskAnswers } from "@/lib/measures/list-risk-answers";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** Home page: risk items answered above zero by this clinician's clients in the last two weeks, newest first. */
export async function RiskPanel({ actor }: { actor: Actor }) {
  const risks = await listRiskAnswers(actor, await requestAuditContext());
  if (risks.length === 0) return null;
  return (
    <section aria-labelledby="risk-heading" role="alert" className="mb-8 rounded-lg border-2 border-red-700 bg-red-50 p-4" data-testid="risk-panel">
      <h2 id="risk-heading" className="text-lg font-semibold text-red-900">Risk answers to look at ({risks.length})</h2>
      <p className="text-sm text-red-950">A client answered a risk question above zero. Open their record to see the answers.</p>
      <ul className="mt-2 divide-y divide-red-200">
        {risks.map((r) => {
          const code = formatClientCode(r.clientCode);
          return (
            <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
              <span className="font-mono font-semibold">{code}</span>
              <span className="text-sm">{r.measure} item {r.item} · {r.inSession ? "recorded in session" : "answered in the portal"} {when.format(r.completedAt)}</span>
              <Link href={`/clients/${code}#measures`} className="ml-auto text-sm font-semibold text-red-900 underline" aria-label={`Open ${code}'s measures`}>Open</Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
