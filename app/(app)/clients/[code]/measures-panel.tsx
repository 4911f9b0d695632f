import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { formatClientCode } from "@/lib/clients/code";
import { requestAuditContext } from "@/lib/entry/context";
import { MEASURES } from "@/lib/measures/definitions";
import { readClientMeasures } from "@/lib/measures/read-client-measures";
import { MeasureChart } from "./measure-chart";
import { assignMeasureAction, endMeasureAction, recordMeasureAction } from "./measures-actions";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const CHANGE_STYLE: Record<string, string> = {
  recovered: "bg-emerald-100 text-emerald-900",
  "reliable improvement": "bg-emerald-100 text-emerald-900",
  "no reliable change": "bg-slate-200 text-slate-800",
  "reliable deterioration": "bg-red-100 text-red-900",
};

/** The client page's measures: risk answers first, what is asked, a chart and change per measure, and recording in session. */
export async function MeasuresPanel({ actor, access }: { actor: Actor; access: ClientAccess }) {
  const data = await readClientMeasures(actor, access, await requestAuditContext());
  if (!data) return null;
  const code = formatClientCode(access.client.code);
  const active = access.client.status === "ACTIVE";
  return (
    <section id="measures" aria-labelledby="measures-heading" className="space-y-4">
      <h2 id="measures-heading" className="text-lg font-semibold">Measures</h2>
      {data.recentRisks.length > 0 ? (
        <div role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 p-4" data-testid="client-risk">
          <p className="font-semibold text-red-900">Risk item answered above zero</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-red-950">
            {data.recentRisks.map((r) => (
              <li key={r.id}>{r.measure.name} item {r.measure.riskItem} (&ldquo;{r.measure.items[r.measure.riskItem! - 1]}&rdquo;), answered {when.format(r.completedAt)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {data.assignments.length > 0 ? (
          <ul className="divide-y divide-slate-200">
            {data.assignments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span><strong>{a.measure.name}</strong> · {a.schedule === "ONCE" ? "once" : "before every session"}</span>
                <form action={endMeasureAction}>
                  <input type="hidden" name="code" value={code} />
                  <input type="hidden" name="assignment" value={a.id} />
                  <Button type="submit" variant="secondary" aria-label={`Stop asking for the ${a.measure.name}`}>Stop</Button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No measures are asked of this client yet.</p>
        )}
        {data.pending.length > 0 ? (
          <p className="text-sm text-muted">Waiting in the portal: {data.pending.map((p) => `${p.measure.name}${p.answered ? ` (${p.answered} of ${p.measure.items.length} answered)` : ""}`).join(", ")}.</p>
        ) : null}
        {active ? (
          <form action={assignMeasureAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="code" value={code} />
            <div className="w-40">
              <Select label="Measure" name="measure" defaultValue="PHQ9">
                {Object.values(MEASURES).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </Select>
            </div>
            <div className="w-60">
              <Select label="Ask" name="schedule" defaultValue="EVERY_SESSION">
                <option value="EVERY_SESSION">Before every session</option>
                <option value="ONCE">Once, now</option>
              </Select>
            </div>
            <Button type="submit">Assign</Button>
          </form>
        ) : null}
      </div>

      {data.series.map((s) => (
        <article key={s.definition.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`series-${s.definition.id}`}>
          <div className="flex flex-wrap items-center gap-3">
            <h3 id={`series-${s.definition.id}`} className="font-semibold">{s.definition.name}</h3>
            {s.change ? (
              <span className={`rounded px-2 py-0.5 text-sm font-semibold ${CHANGE_STYLE[s.change.category]}`} data-testid={`change-${s.definition.id}`}>
                {s.change.category[0]!.toUpperCase() + s.change.category.slice(1)}
              </span>
            ) : (
              <span className="text-sm text-muted">Change shows after two scores.</span>
            )}
            {s.change ? (
              <span className="text-sm text-muted">
                {s.change.first} → {s.change.latest} (RCI {s.change.rci.toFixed(2)}; reliable at {s.definition.reliableChange} points, cut-off {s.definition.clinicalCutoff})
              </span>
            ) : null}
          </div>
          <MeasureChart series={s} sessionDays={data.sessionDays} />
          {s.latestAnswers ? (
            <details className="text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">Latest answers, item by item</summary>
              <ol className="mt-2 list-decimal space-y-1 pl-5">
                {s.definition.items.map((item, i) => (
                  <li key={i}>{item}: <strong>{s.latestAnswers![i] === null ? "left out" : s.definition.options[s.latestAnswers![i]!]}</strong></li>
                ))}
              </ol>
            </details>
          ) : null}
          <p className="text-xs text-muted">{s.definition.copyright} Sources: {s.definition.sources.cutoff} {s.definition.sources.reliableChange}</p>
        </article>
      ))}

      {active ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-brand-700">Record answers given in session</summary>
          <div className="mt-3 space-y-6">
            {Object.values(MEASURES).map((m) => (
              <form key={m.id} action={recordMeasureAction} className="space-y-3" aria-label={`Record the ${m.name}`}>
                <input type="hidden" name="code" value={code} />
                <input type="hidden" name="measure" value={m.id} />
                <h3 className="font-semibold">{m.name}</h3>
                <p className="text-sm">{m.instruction}</p>
                {m.items.map((item, i) => (
                  <fieldset key={i} className="text-sm">
                    <legend className="font-medium">{i + 1}. {item}</legend>
                    <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                      {m.options.map((o, v) => (
                        <label key={v} className="flex min-h-8 items-center gap-1.5">
                          <input type="radio" name={`item${i + 1}`} value={v} /> {o}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                ))}
                <Button type="submit" variant="secondary">Record {m.name}</Button>
              </form>
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
