import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { getPracticeSettings, mayChangePracticeSettings } from "@/lib/practice/settings";
import { reminderSummary } from "@/lib/reminders/summary";

export const metadata: Metadata = { title: "Appointment reminders" };

export default async function RemindersPage() {
  const actor = await requireActor();
  const [settings, summary] = await Promise.all([getPracticeSettings(actor), reminderSummary(actor)]);
  return (
    <>
      <PageHeader
        title="Appointment reminders"
        description="A plain email before each appointment, only to clients who asked for it. It gives the practice's name, the date, time and place, and says to contact the practice to cancel: no code, no name of the clinician, nothing clinical, and no online meeting link."
      />
      <div className="max-w-2xl space-y-8">
        <p className="text-sm">
          <Link href="/schedule" className="text-brand-700 underline">Back to the schedule</Link>
        </p>
        <section aria-labelledby="status-heading" className="space-y-2">
          <h2 id="status-heading" className="text-lg font-semibold">Now</h2>
          <p>
            {settings.remindersEnabled
              ? `On: reminders go ${settings.reminderHoursBefore} hours before each appointment, by the practice's clock.`
              : "Off: the practice sends no reminder emails."}{" "}
            {summary.optedIn === 1 ? "1 active client has" : `${summary.optedIn} active clients have`} opted in{summary.optedInScope === "own" ? " among yours" : ""}.
          </p>
          <p className="text-sm text-muted">
            In the last 30 days: {summary.sent} sent, {summary.skipped} not sent because the client has no email address on record, {summary.failed} waiting to be retried or failed.
          </p>
          <p className="text-sm text-muted">
            A client turns reminders on or off in their portal; an assigned clinician can also record what the client said in session, on the client&apos;s page.
          </p>
        </section>
        {mayChangePracticeSettings(actor) ? (
          <p className="text-sm">
            <Link href="/settings/practice#reminders-heading" className="font-medium text-brand-700 underline">Turn reminders on or off in Practice settings</Link>
          </p>
        ) : (
          <p className="text-sm text-muted">The practice owner turns reminders on or off and sets how long before they go.</p>
        )}
      </div>
    </>
  );
}
