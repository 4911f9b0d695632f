"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { confirmSignUpAction } from "../../actions";

export function ConfirmForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmSignUpAction.bind(null, token), { error: null });
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Creating…" : "Confirm and create my practice"}</Button>
    </form>
  );
}
