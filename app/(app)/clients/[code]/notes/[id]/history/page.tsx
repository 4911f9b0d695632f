import type { Metadata } from "next";
import Link from "next/link";
import { diffWords } from "diff";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { listVersions } from "@/lib/notes/list-versions";
import { readVersion } from "@/lib/notes/read-version";
import { layoutOf } from "@/lib/notes/templates";

export const metadata: Metadata = { title: "Note history" };

const stamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

type Props = { params: Promise<{ code: string; id: string }>; searchParams: Promise<{ v?: string }> };

export default async function HistoryPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { code: rawCode, id } = await params;
  const raw = decodeURIComponent(rawCode);
  const { note, versions } = await orNotFound((context) => listVersions(actor, raw, id, context));
  const code = formatClientCode(parseClientCode(raw)!);
  const wanted = Number((await searchParams).v ?? versions[0]?.number ?? 0);
  const shown = Number.isInteger(wanted) && versions.some((v) => v.number === wanted)
    ? await orNotFound((context) => readVersion(actor, raw, id, wanted, context))
    : null;
  const template = layoutOf(note);
  return (
    <div className="mx-auto max-w-5xl">
      <header className="mb-6 border-b border-slate-200 pb-4">
        <p className="text-sm text-muted">
          <Link href={`/clients/${code}`} className="font-mono underline">{code}</Link> /{" "}
          <Link href={`/clients/${code}/notes/${note.id}`} className="underline">note</Link> / history
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Versions of this note</h1>
        <p className="text-sm text-muted">Every saved state is kept. Quick autosaves by the same person are grouped into one version.</p>
        {note.discardedAt ? <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm">This draft was discarded by its author on {stamp.format(note.discardedAt)}. Its saved versions are kept here.</p> : null}
      </header>
      {versions.length === 0 ? (
        <p className="text-muted">Nothing has been saved yet.</p>
      ) : (
        <div className="grid gap-6 md:grid-cols-[16rem_minmax(0,1fr)]">
          <nav aria-label="Versions">
            <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {versions.map((v) => (
                <li key={v.number}>
                  <Link
                    href={`/clients/${code}/notes/${note.id}/history?v=${v.number}`}
                    aria-current={shown?.number === v.number ? "true" : undefined}
                    className={`block px-3 py-2 text-sm ${shown?.number === v.number ? "bg-brand-50 font-semibold text-brand-800" : "hover:bg-slate-50"}`}
                  >
                    Version {v.number} · {v.wordCount} words
                    <span className="block text-xs text-muted">{v.savedByName}, {stamp.format(v.savedAt)}</span>
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
          {shown ? (
            <section aria-labelledby="version-heading" className="space-y-4">
              <h2 id="version-heading" className="text-lg font-semibold">
                Version {shown.number}, saved by {shown.savedByName} at {stamp.format(shown.savedAt)}
              </h2>
              <p className="text-sm text-muted">
                {shown.previous ? (
                  <>Changes since version {shown.number - 1}: <ins className="bg-emerald-100 no-underline">added</ins>, <del className="bg-red-100">removed</del>.</>
                ) : (
                  "The first saved version."
                )}
              </p>
              {template.sections.map((s) => (
                <div key={s.key}>
                  <h3 className="font-semibold">{s.label}</h3>
                  <p className="mt-1 whitespace-pre-wrap leading-relaxed">
                    {shown.previous
                      ? diffWords(shown.previous[s.key] ?? "", shown.sections[s.key] ?? "").map((part, i) =>
                          part.added ? (
                            <ins key={i} className="bg-emerald-100 no-underline">{part.value}</ins>
                          ) : part.removed ? (
                            <del key={i} className="bg-red-100">{part.value}</del>
                          ) : (
                            <span key={i}>{part.value}</span>
                          ),
                        )
                      : shown.sections[s.key] || <span className="text-muted">(empty)</span>}
                  </p>
                </div>
              ))}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
