import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { orNotFound } from "@/lib/entry/page";
import { requireOperator } from "@/lib/entry/caller";
import { viewPractice } from "@/lib/platform/practices";
import { suspensionReasonLabel } from "@/lib/platform/schema";
import { SuspensionBadge } from "../../suspension-badge";
import { ReactivateForm, SuspendForm } from "./suspension-forms";

export const metadata: Metadata = { title: "Practice · Platform" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const number = new Intl.NumberFormat("en-GB");

export default async function PlatformPracticePage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireOperator();
  const { id } = await params;
  const practice = await orNotFound((context) => viewPractice(operator, id, context));
  const here = `/platform/practices/${practice.id}`;
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/platform" className="font-medium text-brand-700 underline">All practices</Link>
      </p>
      <PageHeader title={practice.name} description={<SuspensionBadge suspendedAt={practice.suspendedAt} />} />
      <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div><dt className="text-muted">Created</dt><dd className="font-medium">{dateTime.format(practice.createdAt)}</dd></div>
        <div><dt className="text-muted">Last activity</dt><dd className="font-medium">{practice.lastActivityAt ? dateTime.format(practice.lastActivityAt) : "None yet"}</dd></div>
        <div><dt className="text-muted">Members</dt><dd className="font-medium">{number.format(practice.members)}</dd></div>
        <div><dt className="text-muted">Clients</dt><dd className="font-medium">{number.format(practice.clients)}</dd></div>
        {practice.suspendedAt && practice.suspendedReason ? (
          <>
            <div><dt className="text-muted">Suspended</dt><dd className="font-medium">{dateTime.format(practice.suspendedAt)}</dd></div>
            <div><dt className="text-muted">Reason</dt><dd className="font-medium">{suspensionReasonLabel[practice.suspendedReason]}</dd></div>
            {practice.suspendedNote ? (
              <div className="sm:col-span-2"><dt className="text-muted">Note</dt><dd className="whitespace-pre-line">{practice.suspendedNote}</dd></div>
            ) : null}
          </>
        ) : null}
      </dl>

      <section aria-labelledby="status-heading" className="mt-10 max-w-2xl space-y-3">
        <h2 id="status-heading" className="text-lg font-semibold">{practice.suspendedAt ? "Reactivate this practice" : "Suspend this practice"}</h2>
        {!isSteppedUp(operator) ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            To {practice.suspendedAt ? "reactivate" : "suspend"} this practice, first{" "}
            <Link href={stepUpPath(here)} className="font-medium text-brand-700 underline">confirm it is you</Link>.
          </p>
        ) : practice.suspendedAt ? (
          <ReactivateForm practiceId={practice.id} practiceName={practice.name} />
        ) : (
          <SuspendForm practiceId={practice.id} practiceName={practice.name} />
        )}
      </section>
    </>
  );
}
