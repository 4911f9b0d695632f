import { Button } from "@/components/ui/button";
import { discardDraftAction } from "./actions";

/**
 * Discarding a draft, behind a disclosure that says what happens (no script needed: the
 * <details> element opens by itself). The server refuses it for signed notes and other people's drafts.
 */
export function DiscardDraft({ code, noteId }: { code: string; noteId: string }) {
  return (
    <details className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <summary className="min-h-10 cursor-pointer py-2 text-sm font-semibold text-red-800">Discard this draft…</summary>
      <form action={discardDraftAction} className="mt-3 space-y-3">
        <input type="hidden" name="code" value={code} />
        <input type="hidden" name="noteId" value={noteId} />
        <p className="text-sm">
          Discarding takes it off your notes to sign; it can no longer be edited or signed, and its appointment (if any) can have a new note
          started. Nothing written is destroyed: a draft that ever held text stays, marked discarded, with its saved versions in its history;
          a draft that never did is removed. The discard is recorded in the audit trail.
        </p>
        <Button type="submit" variant="danger">Discard draft</Button>
      </form>
    </details>
  );
}
