import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { EXPORT_REASONS, isExportReason, practiceExportScope } from "@/lib/transfer/export-scope";

export const metadata: Metadata = { title: "Export everything" };

const howMany = (n: number) => (n === 0 ? "none at the moment" : n.toLocaleString("en-GB"));

export default async function ExportPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const actor = await requireActor();
  if (actor.role !== "OWNER") redirect("/dashboard");
  // Told before step-up: how many clients' records go with the export that this owner cannot open on screen.
  const { unassignedClients, leftOut } = await practiceExportScope(actor);
  const requested = (await searchParams).reason;
  const reason = isExportReason(requested) ? requested : null;
  const needsReason = unassignedClients.length > 0;
  const query = reason ? `?reason=${reason}` : "";
  const unassigned = unassignedClients.length === 1 ? "1 client" : `${unassignedClients.length} clients`;
  return (
    <>
      <PageHeader title="Export everything" description="Your data is yours: take all of it to another Confide or another system, whenever you like." />
      <section aria-labelledby="export-heading" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="export-heading" className="text-lg font-semibold">The practice export</h2>
        <p className="text-sm text-ink">One .zip file holding, as CSV and JSON:</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-ink">
          <li>clients (codes, labels, status, dates, assigned clinicians) and members (by email);</li>
          <li>every clinical note, decrypted, with all its versions, addenda, signatures and hashes, and your own process notes;</li>
          <li>the reflections clients shared, and data-subject requests;</li>
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
        <div className="text-sm text-ink">
          <h3 className="font-semibold">What is left out</h3>
          <p className="mt-1">By the same rules as the screens, the export does not carry:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            <li>reflections clients have not shared ({howMany(leftOut.unsharedReflections)}): they are the client&apos;s alone, and leave Confide only in the client&apos;s own copy of their data;</li>
            <li>other members&apos; process notes ({howMany(leftOut.processNotes)}): they leave only with the member who wrote them.</li>
          </ul>
          <p className="mt-1">The archive&apos;s README lists what was left out.</p>
        </div>
        {needsReason ? (
          <form action="/export" aria-labelledby="unassigned-heading" className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-ink">
            <h3 id="unassigned-heading" className="font-semibold">
              Records of {unassigned} you are not assigned to
            </h3>
            <p>
              The export includes the records of {unassigned} you are not assigned to: notes, shared reflections or identities that you cannot open on screen. As the
              practice owner you may take them with you, with a reason. The reason is recorded in the audit trail, and each of these clients will see in their portal
              that the practice owner included their record in a copy of the whole practice&apos;s records.
            </p>
            <div>
              <label htmlFor="reason" className="block font-medium">Why are you including them?</label>
              <select id="reason" name="reason" required defaultValue={reason ?? ""} className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-base">
                <option value="" disabled>Choose a reason</option>
                {Object.entries(EXPORT_REASONS).map(([code, label]) => (
                  <option key={code} value={code}>{label}</option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">{reason ? "Change the reason" : "Use this reason"}</Button>
          </form>
        ) : null}
        {needsReason && !reason ? (
          <p className="text-sm">Choose a reason above first; then confirm it is you, and the download button appears here.</p>
        ) : isSteppedUp(actor) ? (
          <a href={`/api/export/practice${query}`} download className={buttonClass("primary")}>
            Download the practice export (.zip)
          </a>
        ) : (
          <p className="text-sm">
            For your security, <Link href={stepUpPath(`/export${query}`)} className="font-semibold text-brand-700 underline">confirm it is you</Link> first; then the download button appears here.
          </p>
        )}
        <p className="text-sm text-muted">
          To move into another Confide, sign up there, invite the same members, then use <strong>Import → Restore a practice export</strong>.
        </p>
      </section>
    </>
  );
}
