import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create a practice" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Create a practice</h1>
        <p className="mt-1 text-sm text-muted">You will be its owner, and can invite colleagues afterwards.</p>
        <SignUpForm />
        <p className="mt-6 text-sm text-muted">
          Already use Confide? <Link href="/sign-in" className="font-medium text-brand-700 underline">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
