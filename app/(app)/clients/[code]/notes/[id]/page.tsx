import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { readNote } from "@/lib/notes/read-note";
import { noteIsDiscardable, noteIsEditable, noteIsSignable, noteTakesAddenda } from "@/lib/notes/note-rules";
import { AddendumForm } from "./addendum-form";
import { DiscardDraft } from "./discard-draft";
import { NoteEditor } from "./note-editor";

export const metadata: Metadata = { title: "Note" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" });
const stamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function NotePage({ params }: { params: Promise<{ code: string; id: string }> }) {
  const actor = await requireActor();
  const { code: rawCode, id } = await params;
  const raw = decodeURIComponent(rawCode);
  const note = await orNotFound((context) => readNote(actor, raw, id, context));
  const code = formatClientCode(parseClientCode(raw)!);
  const template = note.layout;
  return (
    <article className="mx-auto max-w-3xl">
      <header className="mb-6 space-y-1 border-b border-slate-200 pb-4">
        <p className="text-sm text-muted">
          <Link href="/clients" className="underline">Clients</Link> / <Link href={`/clients/${code}`} className="font-mono underline">{code}</Link> / note
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{day.format(new Date(`${note.sessionDate}T00:00:00Z`))}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
          {template.name} · by {note.authorName}
          {note.discardedAt ? (
            <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Discarded draft</span>
          ) : note.kind === "PROCESS" ? (
            <span className="rounded bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">Process note · private to you, not part of the clinical record</span>
          ) : note.status === "SIGNED" ? (
            <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Signed</span>
          ) : (
            <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Draft</span>
          )}
          <Link href={`/clients/${code}/notes/${note.id}/history`} className="ml-auto font-semibold text-brand-700 underline">History</Link>
        </p>
      </header>

      {noteIsEditable(note) ? (
        <NoteEditor
          code={code}
          noteId={note.id}
          sections={template.sections}
          initial={note.sections}
          revision={note.revision}
          signable={noteIsSignable(note)}
        />
      ) : (
        <div className="space-y-5">
          {note.discardedAt ? (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-muted">{note.authorName} discarded this draft on {stamp.format(note.discardedAt)}. It is kept, with its saved versions, in its history; it can no longer be edited or signed.</p>
          ) : note.status === "DRAFT" ? (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-muted">This is {note.authorName}&apos;s draft: only its author can edit it.</p>
          ) : null}
          {template.sections.map((s) => (
            <section key={s.key} aria-labelledby={`h-${s.key}`}>
              <h2 id={`h-${s.key}`} className="text-base font-semibold">{s.label}</h2>
              <p className="mt-1 whitespace-pre-wrap leading-relaxed">{note.sections[s.key] || <span className="text-muted">(empty)</span>}</p>
            </section>
          ))}
          {note.status === "SIGNED" ? (
            <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
              Signed by {note.signedByName} on {note.signedAt ? stamp.format(note.signedAt) : ""}. Content fingerprint (SHA-256){" "}
              <code className="break-all text-xs">{note.contentHash}</code>
            </p>
          ) : null}
        </div>
      )}

      {noteIsDiscardable(note) ? <DiscardDraft code={code} noteId={note.id} /> : null}

      {noteTakesAddenda(note) ? (
        <section aria-labelledby="addenda-heading" className="mt-10 space-y-4">
          <h2 id="addenda-heading" className="text-lg font-semibold">Addenda</h2>
          {note.addenda.length === 0 ? <p className="text-sm text-muted">None yet.</p> : null}
          <ol className="space-y-3">
            {note.addenda.map((a) => (
              <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="whitespace-pre-wrap leading-relaxed">{a.text}</p>
                <p className="mt-2 text-xs text-muted">{a.authorName} · {stamp.format(a.createdAt)}</p>
              </li>
            ))}
          </ol>
          <AddendumForm code={code} noteId={note.id} />
        </section>
      ) : null}
    </article>
  );
}
