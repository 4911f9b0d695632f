import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CardPage } from "@/components/ui/card-page";
import { findPracticeStatus, practicePausedMessage } from "@/lib/platform/active";
import { REQUEST_KINDS } from "@/lib/requests/kinds";
import { erasureNotice } from "@/lib/backup/erasure-notice";
import { PublicRequestForm } from "./request-form";

export const metadata: Metadata = { title: "Ask about your data" };

/** The practice's public request page, for people without portal access (paused while the practice is suspended). */
export default async function PublicRequestPage({ params }: { params: Promise<{ practiceId: string }> }) {
  const { practiceId } = await params;
  const practice = await findPracticeStatus(practiceId);
  if (!practice) notFound();
  if (!practice.active) {
    return (
      <CardPage title={`Ask ${practice.name} about your data`}>
        <p role="status" className="mt-6 rounded-md border border-amber-200 bg-amber-50 p-4 text-amber-950">{practicePausedMessage(practice.name)}</p>
      </CardPage>
    );
  }
  return (
    <CardPage title={`Ask ${practice.name} about your data`} description="You can ask for a copy of your data, ask for it to be corrected or deleted, or object to how it is used. You do not need an account.">
      <PublicRequestForm practiceId={practiceId} kinds={Object.entries(REQUEST_KINDS).map(([k, v]) => [k, v.title])} />
      <p className="mt-6 text-sm text-muted" data-testid="erasure-backups">{erasureNotice()}</p>
    </CardPage>
  );
}
