import { chartGeometry } from "@/lib/measures/chart";
import type { MeasureSeries } from "@/lib/measures/read-client-measures";

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const fmt = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));

/** A measure over time: severity bands, the clinical cut-off, scores, session days; the table beside it says the same in words. */
export function MeasureChart({ series, sessionDays }: { series: MeasureSeries; sessionDays: string[] }) {
  const m = series.definition;
  const scored = series.points.flatMap((p) => (p.score === null ? [] : [{ takenOn: p.takenOn, score: p.score }]));
  const g = scored.length ? chartGeometry(m, scored, sessionDays) : null;
  const captionId = `chart-${m.id}`;
  return (
    <div className="grid gap-4 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      {g ? (
        <figure className="min-w-0 max-w-2xl">
          <svg viewBox={`0 0 ${g.width} ${g.height}`} className="h-auto w-full rounded border border-slate-200 bg-white" role="img" aria-labelledby={captionId} data-testid={`chart-${m.id}`}>
            {g.bands.map((b) => (
              <g key={b.label}>
                <rect x={g.plot.left} y={b.y} width={g.plot.width} height={b.height} fill={b.fill} />
                <text x={g.plot.left + g.plot.width - 4} y={b.y + 12} textAnchor="end" fontSize="12" fill="#475569">{b.label}</text>
              </g>
            ))}
            <line x1={g.plot.left} x2={g.plot.left + g.plot.width} y1={g.cutoffY} y2={g.cutoffY} stroke="#b91c1c" strokeDasharray="4 3" />
            {g.ticks.map((t) => (
              <text key={t.label} x={g.plot.left - 6} y={t.y + 4} textAnchor="end" fontSize="12" fill="#334155">{t.label}</text>
            ))}
            {g.sessions.map((s, i) => (
              <line key={i} x1={s.x} x2={s.x} y1={g.plot.top + g.plot.height} y2={g.plot.top + g.plot.height + 8} stroke="#0f766e" strokeWidth="2" data-testid="session-marker" />
            ))}
            <path d={g.line} fill="none" stroke="#0f172a" strokeWidth="2" />
            {g.dots.map((d, i) => (
              <circle key={i} cx={d.x} cy={d.y} r="4" fill="#0f172a" />
            ))}
            <text x={g.plot.left} y={g.height - 4} fontSize="12" fill="#334155">{fmt(g.first)}</text>
            <text x={g.plot.left + g.plot.width} y={g.height - 4} textAnchor="end" fontSize="12" fill="#334155">{fmt(g.last)}</text>
          </svg>
          <figcaption id={captionId} className="mt-1 text-xs text-muted">
            {m.name} scores over time (0 to {m.maxScore}, higher is worse), shaded by severity band; dashed line: clinical cut-off {m.clinicalCutoff}; ticks below: session days.
          </figcaption>
        </figure>
      ) : (
        <p className="text-sm text-muted">No scores to chart yet.</p>
      )}
      <table className="w-full max-w-2xl self-start text-left text-sm" data-testid={`scores-${m.id}`}>
        <caption className="sr-only">{m.name} scores</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">Day</th>
            <th scope="col" className="py-1 pr-2 font-medium">Score</th>
            <th scope="col" className="py-1 pr-2 font-medium">Band</th>
            <th scope="col" className="py-1 font-medium">Given</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {series.points.map((p) => (
            <tr key={p.id}>
              <td className="py-1 pr-2 whitespace-nowrap">{fmt(p.takenOn)}</td>
              <td className="py-1 pr-2 font-semibold">{p.score ?? "Not scored"}{p.risk ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Risk item</span> : null}</td>
              <td className="py-1 pr-2">{p.band ?? "—"}</td>
              <td className="py-1 text-muted">{p.inSession ? "In session" : "Portal"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
