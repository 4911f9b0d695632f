import type { Metadata } from "next";
import Link from "next/link";
import { requireAccountHolder } from "@/lib/entry/caller";
import { stepUpMethods } from "@/lib/auth/step-up";
import { safeReturnPath } from "@/lib/http/return-path";
import { StepUpForm } from "./step-up-form";

export const metadata: Metadata = { title: "Confirm it is you" };

export default async function StepUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { holder: actor } = await requireAccountHolder();
  const next = safeReturnPath((await searchParams).next);
  return (
    <div className="mx-auto max-w-md">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Confirm it is you</h1>
        <p className="mt-1 text-sm text-muted">
          What you asked to do is sensitive, so we check it is really you. Once confirmed, you will not be asked
          again for 5 minutes.
        </p>
        <StepUpForm next={next} methods={await stepUpMethods(actor)} />
        <p className="mt-6 text-sm text-muted">
          <Link href="/dashboard" className="font-medium text-brand-700 underline">
            Cancel
          </Link>
        </p>
      </div>
    </div>
  );
}
