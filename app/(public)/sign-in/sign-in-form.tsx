"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { signInRefusal } from "./refusal";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component sees the new session cookie. The
        // second-factor step (if the member has one) sends them on to `next` afterwards.
        const target = `/sign-in/verify?next=${encodeURIComponent(next)}`;
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load is the point (fresh cookie)
        window.location.assign(target);
        return;
      }
      setError(signInRefusal(result?.error, "That email and password do not match an account. Check them and try again."));
    } catch {
      setError("We could not reach Confide. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Input label="Email address" name="email" type="email" autoComplete="username" required autoFocus />
      <Input label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
