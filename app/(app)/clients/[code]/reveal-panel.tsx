"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Select } from "@/components/ui/field";
import { revealAction, type RevealState } from "../actions";

const initial: RevealState = { error: null, fields: null, expiresAt: null, nonce: 0 };

interface Props {
  code: string;
  reasons: [string, string][];
  /** Another reveal of the same shape (a form's identity answers), with its own hidden fields and words. */
  reveal?: (state: RevealState, formData: FormData) => Promise<RevealState>;
  hidden?: Record<string, string>;
  button?: string;
  empty?: string;
}

/** "Show identity": a reason, then the identity for a limited time, then it is hidden again. */
export function RevealPanel({ code, reasons, reveal = revealAction, hidden = {}, button = "Show identity", empty = "No identity has been recorded for this client yet." }: Props) {
  const [state, action, pending] = useActionState(reveal, initial);
  const [hiddenNonce, setHiddenNonce] = useState(-1);
  const [now, setNow] = useState(() => Date.now());
  const visible = state.fields && state.expiresAt && hiddenNonce !== state.nonce && now < Date.parse(state.expiresAt);

  useEffect(() => {
    if (!state.expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.expiresAt, state.nonce]);

  if (visible) {
    const seconds = Math.max(0, Math.round((Date.parse(state.expiresAt!) - now) / 1000));
    return (
      <div className="space-y-3" aria-live="polite">
        {state.fields!.length === 0 ? (
          <p className="text-sm">{empty}</p>
        ) : (
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]" data-testid="revealed">
            {state.fields!.map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-sm font-medium text-muted">{f.label}</dt>
                <dd className="whitespace-pre-line text-ink">{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => setHiddenNonce(state.nonce)}>Hide now</Button>
          <span className="text-sm text-muted">Hides itself in {seconds} s. This reveal has been recorded.</span>
        </div>
      </div>
    );
  }

  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="code" value={code} />
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div className="min-w-64">
        <Select label="Why do you need to see it?" name="reason" required defaultValue="">
          <option value="" disabled>Choose a reason…</option>
          {reasons.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Opening…" : button}</Button>
      <div className="w-full"><FormError message={state.error} /></div>
    </form>
  );
}
