"use client";

import type { Route } from "next";
import { useActionState, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { confirmEnrolmentAction, regenerateCodesAction, type CodesState } from "./actions";

const initial: CodesState = { error: null, codes: null };

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="codes-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="codes-heading" className="text-lg font-semibold text-ink">Your recovery codes</h2>
      <p className="text-sm text-ink">
        Each code signs you in once if you lose your phone. Save them somewhere safe now (a password manager, or printed and
        locked away): <strong>they will not be shown again.</strong>
      </p>
      <ol className="grid grid-cols-2 gap-2 font-mono text-base sm:grid-cols-5" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1 text-center">{c}</li>
        ))}
      </ol>
      <SaveCodes codes={codes} />
      <ButtonLink href="/dashboard" className="print:hidden">I have saved my codes</ButtonLink>
    </section>
  );
}

const codesText = (codes: string[]) =>
  `Confide recovery codes\nEach code signs you in once, instead of a code from your authenticator app.\nKeep them somewhere safe.\n\n${codes.join("\n")}\n`;

/** Copy, download or print the codes: whichever way the member keeps things safe. */
function SaveCodes({ codes }: { codes: string[] }) {
  const [said, setSaid] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codesText(codes));
      setSaid("Copied. Paste them into your password manager.");
    } catch {
      setSaid("Your browser did not allow copying: select the codes above, or download them.");
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([codesText(codes)], { type: "text/plain" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: "confide-recovery-codes.txt" });
    a.click();
    URL.revokeObjectURL(url);
    setSaid("Downloaded as confide-recovery-codes.txt. Move it somewhere safe.");
  };
  return (
    <div className="space-y-2 print:hidden">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={copy}>Copy codes</Button>
        <Button variant="secondary" onClick={download}>Download codes</Button>
        <Button variant="secondary" onClick={() => window.print()}>Print codes</Button>
      </div>
      <p role="status" className="text-sm text-ink">{said}</p>
    </div>
  );
}

export function ConfirmEnrolmentForm({ stepUpHref }: { stepUpHref: Route }) {
  const [state, action, pending] = useActionState(confirmEnrolmentAction, initial);
  if (state.codes) return <RecoveryCodes codes={state.codes} />;
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      {state.stepUp ? <StepUpNotice href={stepUpHref} doing="To turn on two-factor authentication" /> : null}
      <div className="max-w-xs">
        <Input label="Code from your app" name="code" inputMode="numeric" autoComplete="one-time-code" required hint="6 digits." />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Checking…" : "Turn on two-factor authentication"}</Button>
    </form>
  );
}

export function RegenerateCodesForm() {
  const [state, action, pending] = useActionState(regenerateCodesAction, initial);
  if (state.codes) return <RecoveryCodes codes={state.codes} />;
  return (
    <form action={action} className="space-y-3">
      <FormError message={state.error} />
      <Button type="submit" variant="secondary" disabled={pending}>Make new recovery codes</Button>
      <p className="text-sm text-muted">Your old codes stop working as soon as the new ones are made.</p>
    </form>
  );
}
