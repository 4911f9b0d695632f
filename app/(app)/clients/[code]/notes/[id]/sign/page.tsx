import type { Metadata, Route } from "next";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { noteIsEditable, noteIsSignable } from "@/lib/notes/note-rules";
import { readNote } from "@/lib/notes/read-note";
import { signNoteAction } from "../actions";

export const metadata: Metadata = { title: "Sign note" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" });

// The confirmation step before signing: a page of its own (not a script dialog), so it works
// and says what signing means whether or not scripts run. It signs the revision shown here: if
// the note changes meanwhile, signing is refused and the author reloads.
export default async function SignNotePage({ params }: { params: Promise<{ code: string; id: string }> }) {
  const actor = await requireActor();
  const { code: rawCode, id } = await params;
  const raw = decodeURIComponent(rawCode);
  const note = await orNotFound((context) => readNote(actor, raw, id, context));
  const code = formatClientCode(parseClientCode(raw)!);
  const notePath = `/clients/${code}/notes/${note.id}` as Route;
  const signable = noteIsEditable(note) && noteIsSignable(note);
  const empty = note.layout.sections.filter((s) => !note.sections[s.key]?.trim());
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1 border-b border-slate-200 pb-4">
        <p className="text-sm text-muted">
          <Link href={`/clients/${code}` as Route} className="font-mono underline">{code}</Link> / <Link href={notePath} className="underline">note</Link> / sign
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Sign the note of {day.format(new Date(`${note.sessionDate}T00:00:00Z`))}?</h1>
        <p className="text-sm text-muted">{note.layout.name} · {note.wordCount} words · by {note.authorName}</p>
      </header>

      {!signable ? (
        <p className="rounded-md bg-slate-100 px-3 py-2">
          {note.status === "SIGNED" ? "This note is already signed." : "Only its author can sign this draft, and only while it is a draft."}{" "}
          <Link href={notePath} className="font-semibold text-brand-700 underline">Back to the note</Link>
        </p>
      ) : (
        <>
          <section aria-labelledby="meaning" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
            <h2 id="meaning" className="font-semibold">What signing means</h2>
            <ul className="list-disc space-y-1 pl-5 text-sm">
              <li>The note is locked as it stands below: nobody, you included, can change it afterwards.</li>
              <li>Your name, the time and a fingerprint (SHA-256) of its content are recorded with it.</li>
              <li>If anything needs correcting or adding later, you add a signed addendum; the note itself stays as signed.</li>
            </ul>
            {empty.length > 0 ? <p className="text-sm font-semibold">Left empty: {empty.map((s) => s.label).join(", ")}.</p> : null}
          </section>

          <section aria-labelledby="content" className="space-y-4">
            <h2 id="content" className="text-lg font-semibold">What you are signing</h2>
            {note.layout.sections.map((s) => (
              <div key={s.key}>
                <h3 className="text-base font-semibold">{s.label}</h3>
                <p className="mt-1 whitespace-pre-wrap break-words leading-relaxed">{note.sections[s.key] || <span className="text-muted">(empty)</span>}</p>
              </div>
            ))}
          </section>

          <form action={signNoteAction} className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
            <input type="hidden" name="code" value={code} />
            <input type="hidden" name="noteId" value={note.id} />
            <input type="hidden" name="baseRevision" value={note.revision} />
            <Button type="submit">Sign and lock the note</Button>
            <Link href={notePath} className={buttonClass("secondary")}>Back to editing</Link>
          </form>
        </>
      )}
    </article>
  );
}
