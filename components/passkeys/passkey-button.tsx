"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { passkeyErrorMessage } from "./webauthn-client";

/**
 * A button that runs a passkey ceremony and shows what went wrong. `run` returns a message
 * when Confide refused, or nothing when it is moving on (the button then stays busy).
 */
export function PasskeyButton({ label, variant, run }: { label: string; variant: "primary" | "secondary"; run: () => Promise<string | void> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onClick() {
    setPending(true);
    setError(null);
    try {
      const refusal = await run();
      if (!refusal) return;
      setError(refusal);
    } catch (e) {
      setError(passkeyErrorMessage(e));
    }
    setPending(false);
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button type="button" variant={variant} className="w-full" disabled={pending} onClick={onClick}>
        {pending ? "Waiting for your passkey…" : label}
      </Button>
    </div>
  );
}
