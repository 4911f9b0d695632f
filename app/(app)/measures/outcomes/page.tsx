import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { requestAuditContext } from "@/lib/entry/context";
import { CHANGE_ORDER } from "@/lib/measures/change";
import { OUTCOMES_MIN_GROUP, practiceOutcomes, type Cell } from "@/lib/measures/outcomes";

export const metadata: Metadata = { title: "Outcomes" };

const show = (cell: Cell) => ("count" in cell ? String(cell.count) : cell.suppressed === "small" ? `fewer than ${OUTCOMES_MIN_GROUP}` : "not shown");

/** Owners and managers: how clients changed on each measure, in counts only, small groups hidden. */
export default async function OutcomesPage() {
  const actor = await requireActor();
  if (actor.role === "THERAPIST") notFound();
  const outcomes = await practiceOutcomes(actor, await requestAuditContext());
  return (
    <>
      <PageHeader
        title="Outcomes"
        description={`Clients with at least two scores on a measure, by change from their first score to their latest (Jacobson–Truax, with each measure's published reliable change and cut-off). Counts only; a group smaller than ${OUTCOMES_MIN_GROUP} is never shown, so no client can be singled out.`}
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="outcomes">
          <caption className="sr-only">Outcomes by measure</caption>
          <thead className="bg-slate-50 text-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Measure</th>
              <th scope="col" className="px-4 py-3 font-medium">Clients</th>
              {CHANGE_ORDER.map((c) => <th key={c} scope="col" className="px-4 py-3 font-medium">{c[0]!.toUpperCase() + c.slice(1)}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {outcomes.map((o) => (
              <tr key={o.measure}>
                <th scope="row" className="px-4 py-3 font-semibold">{o.name}</th>
                <td className="px-4 py-3">{show(o.total)}</td>
                {CHANGE_ORDER.map((c) => <td key={c} className="px-4 py-3">{show(o.byChange[c])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
