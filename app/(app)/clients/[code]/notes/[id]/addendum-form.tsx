"use client";

import { useActionState, useEffect, useState } from "react";
import { useLockSafe } from "@/components/lock/lock-memory";
import { Button } from "@/components/ui/button";
import { FormError, Textarea } from "@/components/ui/field";
import { addAddendumAction, type NoteActionState } from "./actions";

export function AddendumForm({ code, noteId }: { code: string; noteId: string }) {
  const [state, action, pending] = useActionState(addAddendumAction, { error: null } satisfies NoteActionState);
  // What is being typed survives the screen lock, which removes this form from the page.
  const held = useLockSafe(`addendum:${noteId}`, () => ({ typed: { current: "" } }));
  const { typed: typedRef } = held;
  // Read once, when (re)mounted: the textarea is uncontrolled.
  const [typedBefore] = useState(held.typed.current);
  // Cleared when sent (a form action empties the field once it succeeds); a refusal hands it back.
  useEffect(() => {
    if (state.text !== undefined) typedRef.current = state.text;
  }, [state.text, typedRef]);
  return (
    <form action={action} onSubmit={() => (typedRef.current = "")} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" key={state.text ?? ""}>
      <FormError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="noteId" value={noteId} />
      <Textarea label="Add an addendum" name="text" rows={4} required defaultValue={state.text ?? typedBefore} onChange={(e) => (typedRef.current = e.target.value)} hint="A correction or later information. It is signed when added and cannot be changed." />
      <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add addendum"}</Button>
    </form>
  );
}
