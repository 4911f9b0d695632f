"use client";

import Link from "next/link";
import type { Route } from "next";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { revealContactAction, type ContactState } from "../actions";

const LABELS: Record<string, string> = { fullName: "Name", dateOfBirth: "Date of birth", email: "Email", phone: "Phone", clientCode: "Code they gave", details: "They wrote" };

/** Shows the public form's contact details from the vault on request (recorded as a reveal). */
export function ContactPanel({ id, steppedUp, stepUpHref }: { id: string; steppedUp: boolean; stepUpHref: Route }) {
  const [state, action, pending] = useActionState(revealContactAction, { error: null, contact: null } satisfies ContactState);
  if (!steppedUp) return <p className="text-sm">To see the contact details, first <Link href={stepUpHref} className="font-semibold text-brand-700 underline">confirm it is you</Link>.</p>;
  if (state.contact) {
    return (
      <dl className="grid gap-x-6 gap-y-1 rounded-md bg-amber-50 p-3 text-sm sm:grid-cols-[auto_1fr]">
        {Object.entries(state.contact).map(([k, v]) => (
          <div key={k} className="contents"><dt className="text-muted">{LABELS[k] ?? k}</dt><dd className="whitespace-pre-wrap">{v}</dd></div>
        ))}
      </dl>
    );
  }
  return (
    <form action={action}>
      <FormError message={state.error} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>Show contact details (recorded)</Button>
    </form>
  );
}
