"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Select, Textarea } from "@/components/ui/field";
import { SUSPENSION_REASONS, suspensionReasonLabel } from "@/lib/platform/schema";
import { reactivatePracticeAction, suspendPracticeAction, type SuspendState } from "./actions";

const initial: SuspendState = { error: null };

export function SuspendForm({ practiceId, practiceName }: { practiceId: string; practiceName: string }) {
  const [state, action, pending] = useActionState(suspendPracticeAction, initial);
  // Controlled, so what was chosen and typed survives React's reset of the form after a refusal.
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormError message={state.error} />
      <input type="hidden" name="practiceId" value={practiceId} />
      <Select label="Reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required hint="Recorded in the platform's audit trail.">
        <option value="" disabled>Choose a reason</option>
        {SUSPENSION_REASONS.map((r) => <option key={r} value={r}>{suspensionReasonLabel[r]}</option>)}
      </Select>
      <Textarea
        label="Note for other operators (optional)"
        name="note"
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        hint="Kept with the practice while it is suspended, and not in the audit trail. Do not name people or clients."
      />
      <Button type="submit" variant="danger" disabled={pending}>{pending ? "Suspending…" : `Suspend ${practiceName}`}</Button>
      <p className="text-sm text-muted">Every member is signed out at once and cannot sign in until you reactivate the practice. Its clients cannot use the portal or the public request form, and no reminders or calendar feeds go out; they are told only that the practice is paused. Nothing is deleted.</p>
    </form>
  );
}

export function ReactivateForm({ practiceId, practiceName }: { practiceId: string; practiceName: string }) {
  const [state, action, pending] = useActionState(reactivatePracticeAction, initial);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormError message={state.error} />
      <input type="hidden" name="practiceId" value={practiceId} />
      <Button type="submit" disabled={pending}>{pending ? "Reactivating…" : `Reactivate ${practiceName}`}</Button>
      <p className="text-sm text-muted">Its members can sign in again straight away, and its clients can use the portal again.</p>
    </form>
  );
}
