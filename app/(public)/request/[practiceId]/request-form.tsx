"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select, Textarea } from "@/components/ui/field";
import { submitPublicRequestAction, type PublicRequestState } from "./actions";

export function PublicRequestForm({ practiceId, kinds }: { practiceId: string; kinds: [string, string][] }) {
  const [state, action, pending] = useActionState(submitPublicRequestAction, { error: null, done: false, values: {} } satisfies PublicRequestState);
  if (state.done) {
    return (
      <div role="status" className="mt-6 rounded-md border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
        <p className="font-semibold">Thank you. Your request has been sent.</p>
        <p className="mt-1 text-sm">The practice will check who you are and answer within one month. They will contact you by the email or phone you gave.</p>
      </div>
    );
  }
  const v = state.values;
  return (
    <form action={action} className="mt-6 space-y-4" key={JSON.stringify(v)}>
      <FormError message={state.error} />
      <input type="hidden" name="practiceId" value={practiceId} />
      <Select label="What would you like?" name="kind" required defaultValue={v.kind ?? ""}>
        <option value="" disabled>Choose…</option>
        {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </Select>
      <Input label="Your full name" name="fullName" required autoComplete="name" defaultValue={v.fullName} />
      <Input label="Date of birth (helps the practice find your record)" name="dateOfBirth" type="date" defaultValue={v.dateOfBirth} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Email" name="email" type="email" autoComplete="email" defaultValue={v.email} />
        <Input label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={v.phone} />
      </div>
      <Input label="Your client code, if you have one" name="clientCode" autoComplete="off" defaultValue={v.clientCode} />
      <Textarea label="Anything else we should know" name="details" rows={3} defaultValue={v.details} hint="If something is wrong, say what it is and what it should say." />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Sending…" : "Send request"}</Button>
      <p className="text-xs text-muted">Your details are stored encrypted, apart from any clinical records, and used only to answer this request.</p>
    </form>
  );
}
