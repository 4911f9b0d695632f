"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select, Textarea } from "@/components/ui/field";
import { changePinAction, portalSignInAction, submitRequestAction, writeReflectionAction, type PortalFormState } from "./actions";

const initial: PortalFormState = { error: null };

export function PortalSignInForm() {
  const [state, action, pending] = useActionState(portalSignInAction, initial);
  return (
    <form action={action} className="mt-6 space-y-4" key={state.values?.code}>
      <FormError message={state.error} />
      <Input label="Your code" name="code" required autoComplete="username" autoCapitalize="characters" spellCheck={false} defaultValue={state.values?.code} hint="It looks like K7Q4-MX2P-B9XD. It is on the card from your therapist." />
      <Input label="PIN" name="pin" type="password" inputMode="numeric" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Checking…" : "Sign in"}</Button>
    </form>
  );
}

export function NewPinForm() {
  const [state, action, pending] = useActionState(changePinAction, initial);
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <Input label="New PIN" name="pin" type="password" inputMode="numeric" autoComplete="new-password" required minLength={6} maxLength={12} hint="6 to 12 numbers. Not your birthday, and not easy ones like 123456." />
      <Input label="New PIN again" name="confirm" type="password" inputMode="numeric" autoComplete="new-password" required />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Saving…" : "Save my PIN"}</Button>
    </form>
  );
}

export function RequestForm({ kinds, backupNotice }: { kinds: [string, string][]; backupNotice: string }) {
  const [state, action, pending] = useActionState(submitRequestAction, initial);
  const [kind, setKind] = useState(state.values?.kind ?? "");
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <Select label="What would you like?" name="kind" required defaultValue={state.values?.kind ?? ""} onChange={(e) => setKind(e.target.value)}>
        <option value="" disabled>Choose…</option>
        {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </Select>
      {kind === "ERASURE" ? <ErasureExplained backupNotice={backupNotice} /> : null}
      <Textarea label="Anything we should know (optional)" name="details" rows={3} defaultValue={state.values?.details} hint="If something is wrong, say what it is and what it should say." />
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : kind === "ERASURE" ? "Send my request to delete my data" : "Send request"}</Button>
    </form>
  );
}

/** What an erasure request means, before it is sent; the request needs the box ticked (checked again on the server). */
function ErasureExplained({ backupNotice }: { backupNotice: string }) {
  return (
    <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="erasure-explained">
      <p className="font-semibold">Before you ask us to delete your data</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>If the practice agrees, your notes, reflections, appointments and personal details are deleted for good. Nobody, including you, can get them back.</li>
        <li>The practice may have to keep some records for a time (for example, where the law or professional rules require it). If so, they will tell you what and why.</li>
        <li>You will not be able to use this portal afterwards, and your therapist will no longer have your history.</li>
        <li>The audit trail keeps a note that your record was deleted, under your client code only (never your name).</li>
        <li>{backupNotice}</li>
        <li>If you want a copy first, ask for &ldquo;A copy of my data&rdquo; before this.</li>
        <li>You can withdraw this request on this page while the practice is still handling it.</li>
      </ul>
      <label className="flex items-start gap-2 pt-1 font-medium">
        <input type="checkbox" name="confirmErasure" value="yes" required className="mt-1 size-4" />
        <span>I understand, and I want the practice to delete my data.</span>
      </label>
    </div>
  );
}

export function ReflectionForm() {
  const [state, action, pending] = useActionState(writeReflectionAction, initial);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" key={state.values?.text}>
      <FormError message={state.error} />
      <Textarea label="New reflection" name="text" rows={4} required defaultValue={state.values?.text} hint="Only you can read this unless you choose to share it." />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save reflection"}</Button>
    </form>
  );
}
