"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { confirmEmailChangeAction } from "../actions";

export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmEmailChangeAction.bind(null, token), { error: null });
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Changing…" : "Use this email address"}</Button>
    </form>
  );
}
