import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { sessionState } from "@/lib/auth/current";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Two-factor check" };

export default async function VerifyPage() {
  const state = await sessionState();
  if (state.kind === "none") redirect("/sign-in");
  if (state.kind !== "second-factor") redirect("/dashboard");
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">One more step</h1>
        <p className="mt-1 text-sm text-muted">Your password was right. Now prove it is you with your second factor.</p>
        <VerifyForm />
        <p className="mt-6 text-sm text-muted">
          Lost your phone and your recovery codes? Ask your practice owner to reset your two-factor authentication.{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 underline">Start again</Link>
        </p>
      </div>
    </div>
  );
}
