"use client";

import type { Route } from "next";
import { useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { addPasskey, passkeyErrorMessage, passkeyNeedsStepUp } from "./webauthn-client";

/**
 * Names and creates a passkey on this device. Afterwards it goes to `doneHref` when given
 * (e.g. out of two-factor enrolment), or refreshes the page it is on and says so. If the
 * member's step-up lapsed while the form was open, it offers `stepUpHref` to confirm it is them.
 */
export function AddPasskeyForm({ suggestedName, doneHref, stepUpHref }: { suggestedName: string; doneHref?: string; stepUpHref: Route }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [stepUp, setStepUp] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    setError(null);
    setStepUp(false);
    setAdded(null);
    if (!name) {
      setError("Give the passkey a name, such as “Work laptop” or “Phone”.");
      nameRef.current?.focus();
      return;
    }
    setPending(true);
    try {
      await addPasskey(name);
      if (doneHref) {
        window.location.assign(doneHref);
        return;
      }
      setAdded(`Passkey “${name}” added. Next time, you can sign in with it alone.`);
      router.refresh();
    } catch (e) {
      setError(passkeyErrorMessage(e));
      setStepUp(passkeyNeedsStepUp(e));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      {stepUp ? <StepUpNotice href={stepUpHref} doing="To add a passkey" /> : null}
      {added ? (
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {added}
        </p>
      ) : null}
      <div className="max-w-sm">
        <Input
          ref={nameRef}
          label="Name for the new passkey"
          name="name"
          required
          maxLength={60}
          defaultValue={suggestedName}
          autoComplete="off"
          hint="So you can tell your passkeys apart, such as “Work laptop” or “Phone”."
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Waiting for your device…" : "Add a passkey"}
      </Button>
    </form>
  );
}
