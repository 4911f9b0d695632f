import type { MeasureDefinition } from "./definitions";

// The geometry of a measure's chart (server-rendered SVG): severity bands as background, the
// clinical cut-off as a dashed line, scores over time as a line with dots, and session days as
// ticks along the bottom. Pure, so the page only draws what this returns.

export interface ChartPoint {
  takenOn: string;
  score: number;
}

const DAY = 86_400_000;
const BAND_FILLS = ["#ecfdf5", "#f7fee7", "#fefce8", "#fff7ed", "#fef2f2", "#fdf2f8"];

export function chartGeometry(m: MeasureDefinition, points: readonly ChartPoint[], sessionDays: readonly string[], width = 520, height = 240) {
  const pad = { left: 30, right: 8, top: 8, bottom: 30 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const times = points.map((p) => t(p.takenOn));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(end - start, 7 * DAY);
  const from = end - start < 7 * DAY ? start - (span - (end - start)) / 2 : start;
  const x = (time: number) => pad.left + ((time - from) / span) * plotW;
  const y = (score: number) => pad.top + plotH - (score / m.maxScore) * plotH;
  const bands = m.bands.map((b, i) => {
    const top = i + 1 < m.bands.length ? m.bands[i + 1]!.from : m.maxScore;
    return { label: b.label, y: y(top), height: y(b.from) - y(top), fill: BAND_FILLS[i % BAND_FILLS.length]! };
  });
  const dots = points.map((p) => ({ x: x(t(p.takenOn)), y: y(p.score), score: p.score, takenOn: p.takenOn }));
  const line = dots.map((d, i) => `${i === 0 ? "M" : "L"}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join(" ");
  const sessions = sessionDays.map(t).filter((s) => s >= from && s <= from + span).map((s) => ({ x: x(s) }));
  const ticks = m.bands.map((b) => ({ y: y(b.from), label: String(b.from) })).concat([{ y: y(m.maxScore), label: String(m.maxScore) }]);
  return { width, height, plot: { left: pad.left, top: pad.top, width: plotW, height: plotH }, bands, dots, line, sessions, ticks, cutoffY: y(m.clinicalCutoff), first: new Date(from).toISOString().slice(0, 10), last: new Date(from + span).toISOString().slice(0, 10) };
}
