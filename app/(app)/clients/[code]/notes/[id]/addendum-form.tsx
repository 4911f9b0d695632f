"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Textarea } from "@/components/ui/field";
import { addAddendumAction, type NoteActionState } from "./actions";

export function AddendumForm({ code, noteId }: { code: string; noteId: string }) {
  const [state, action, pending] = useActionState(addAddendumAction, { error: null } satisfies NoteActionState);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" key={state.text ?? ""}>
      <FormError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="noteId" value={noteId} />
      <Textarea label="Add an addendum" name="text" rows={4} required defaultValue={state.text} hint="A correction or later information. It is signed when added and cannot be changed." />
      <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add addendum"}</Button>
    </form>
  );
}
