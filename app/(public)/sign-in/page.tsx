import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/http/return-path";
import { sessionState } from "@/lib/entry/caller";
import { PasskeySignIn } from "./passkey-sign-in";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const state = await sessionState();
  if (state.kind === "member" || state.kind === "enrolment") redirect("/dashboard");
  if (state.kind === "second-factor") redirect("/sign-in/verify");
  if (state.kind === "operator") redirect("/platform");
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Confide</h1>
        <p className="mt-1 text-sm text-muted">Use the email address your practice invited you with.</p>
        {params["signed-out"] ? (
          <p role="status" className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            You have signed out. See you next time.
          </p>
        ) : null}
        {params.expired ? (
          <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your session ended. Please sign in again.
          </p>
        ) : null}
        {params.reset ? (
          <p role="status" className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            Your new password is saved and you were signed out everywhere. Sign in with it now.
          </p>
        ) : null}
        <SignInForm next={next} />
        <div className="my-6 flex items-center gap-3 text-sm text-muted" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200" />
          or
          <span className="h-px flex-1 bg-slate-200" />
        </div>
        <PasskeySignIn next={next} />
        <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
          <Link href="/reset-password" className="font-medium text-brand-700 underline">Forgot your password?</Link>
          <Link href="/sign-up" className="font-medium text-brand-700 underline">Create a practice</Link>
        </div>
        <p className="mt-6 rounded-md bg-slate-50 px-3 py-2 text-sm text-muted">
          Are you a client of a practice? <Link href="/portal" className="font-medium text-brand-700 underline">Sign in to the client portal</Link> with the code and PIN your therapist gave you.
        </p>
      </div>
    </div>
  );
}
