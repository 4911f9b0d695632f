import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { isSteppedUp, stepUpPath } from "@/lib/auth/step-up";

export const metadata: Metadata = { title: "Export everything" };

export default async function ExportPage() {
  const actor = await requireActor();
  if (actor.role !== "OWNER") redirect("/dashboard");
  return (
    <>
      <PageHeader title="Export everything" description="Your data is yours: take all of it to another Confide or another system, whenever you like." />
      <section aria-labelledby="export-heading" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="export-heading" className="text-lg font-semibold">The practice export</h2>
        <p className="text-sm text-ink">One .zip file holding, as CSV and JSON:</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-ink">
          <li>clients (codes, labels, status, dates, assigned clinicians) and members (by email);</li>
          <li>every note, decrypted, with all its versions, addenda, signatures and hashes, including process notes;</li>
          <li>clients&apos; reflections and data-subject requests;</li>
          <li>the practice&apos;s audit trail, with its hash chain;</li>
          <li>identities (names, dates of birth, contact details) in their own, clearly marked files;</li>
          <li>a README explaining every file and column, and a manifest with counts and checksums.</li>
        </ul>
        <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-ink">
          <p className="font-semibold">This file is special-category personal data.</p>
          <p className="mt-1">
            It links every client code to a real person and holds their health records, unencrypted. Keep it on an encrypted drive, share it only with whoever
            will import it, and delete every copy when you are done. The download is recorded in the audit trail.
          </p>
        </div>
        {isSteppedUp(actor) ? (
          <a href="/api/export/practice" download className={buttonClass("primary")}>
            Download the practice export (.zip)
          </a>
        ) : (
          <p className="text-sm">
            For your security, <Link href={stepUpPath("/export")} className="font-semibold text-brand-700 underline">confirm it is you</Link> first; then the download button appears here.
          </p>
        )}
        <p className="text-sm text-muted">
          To move into another Confide, sign up there, invite the same members, then use <strong>Import → Restore a practice export</strong>.
        </p>
      </section>
    </>
  );
}
