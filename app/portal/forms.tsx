"use client";

import { useActionState } from "react";
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

export function RequestForm({ kinds }: { kinds: [string, string][] }) {
  const [state, action, pending] = useActionState(submitRequestAction, initial);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <Select label="What would you like?" name="kind" required defaultValue={state.values?.kind ?? ""}>
        <option value="" disabled>Choose…</option>
        {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </Select>
      <Textarea label="Anything we should know (optional)" name="details" rows={3} defaultValue={state.values?.details} hint="If something is wrong, say what it is and what it should say." />
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send request"}</Button>
    </form>
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
