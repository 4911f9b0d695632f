"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { issuePortalAccessAction, type PortalAccessState } from "../actions";

/** Issue portal access and show the one-time PIN once, as a small handout to print or copy. */
export function PortalAccessPanel({ code, issuedAt, changed }: { code: string; issuedAt: string | null; changed: boolean }) {
  const [state, action, pending] = useActionState(issuePortalAccessAction, { error: null, handout: null } satisfies PortalAccessState);
  if (state.handout) {
    return (
      <div className="space-y-3">
        <div id="portal-handout" className="rounded-md border-2 border-dashed border-slate-400 bg-white p-4 print:border-black">
          <p className="text-sm font-semibold" data-testid="handout-practice">{state.handout.practice}</p>
          <p className="text-sm">Your client portal</p>
          <p className="mt-2 text-sm">Go to <span className="font-mono">{state.handout.url}</span> and sign in with:</p>
          <p className="mt-2">Code: <span className="font-mono text-lg font-semibold">{state.handout.code}</span></p>
          <p>First-time PIN: <span className="font-mono text-lg font-semibold" data-testid="one-time-pin">{state.handout.pin}</span></p>
          <p className="mt-2 text-xs">You will choose your own PIN the first time. No email needed. Forgotten it? Ask the practice for a new one.</p>
        </div>
        <p className="text-sm text-muted">This PIN is shown only now. Give it to the client in the session; it works once.</p>
        <Button variant="secondary" onClick={() => window.print()}>Print handout</Button>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <FormError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <p className="text-sm">
        {issuedAt
          ? `Portal access given ${new Date(issuedAt).toLocaleDateString("en-GB")}${changed ? "; the client has chosen their own PIN." : "; not used yet."} Issuing new access stops the old PIN.`
          : "The client can sign in with their code and a PIN to see their requests and reflections. No email needed."}
      </p>
      <Button type="submit" variant="secondary" disabled={pending}>{issuedAt ? "Issue new portal access" : "Issue portal access"}</Button>
    </form>
  );
}
