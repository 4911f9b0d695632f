import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { getPracticeDetails } from "@/lib/practice/conventions";
import { CURRENCIES, formatMoney, LOCALES } from "@/lib/practice/locale";
import { getPracticeSettings, mayChangePracticeSettings } from "@/lib/practice/settings";
import { timeZones } from "@/lib/practice/time-zones";
import { retentionPolicy } from "@/lib/retention/review";
import { setIdleTimeoutAction, setManagersRevealAction, setRetentionPolicyAction, setTwoFactorPolicyAction } from "./actions";
import { PracticeDetailsForm } from "./details-form";
import { MORE_SETTINGS } from "./more-settings";
import { ReminderSettingsForm } from "./reminders-form";

export const metadata: Metadata = { title: "Practice settings" };

const SECTIONS = [
  { id: "details-heading", label: "Practice" },
  { id: "security-heading", label: "Security for everyone" },
  { id: "retention-heading", label: "Retention" },
  { id: "reminders-heading", label: "Reminders" },
  { id: "more-heading", label: "More settings" },
] as const;

const card = "space-y-4 rounded-lg border border-slate-200 bg-white p-4";
const SAMPLE_DAY = new Date("2026-03-31T12:00:00Z");

function currencyOptions() {
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  return CURRENCIES.map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }));
}

function localeOptions(currency: string) {
  const names = new Intl.DisplayNames(["en"], { type: "language" });
  return LOCALES.map((l) => ({
    value: l,
    label: `${names.of(l) ?? l} (${formatMoney(123456, { currency, locale: l })}, ${new Intl.DateTimeFormat(l, { dateStyle: "short", timeZone: "UTC" }).format(SAMPLE_DAY)})`,
  }));
}

export default async function PracticeSettingsPage() {
  const actor = await requireActor();
  if (!mayChangePracticeSettings(actor)) redirect("/dashboard");
  const [details, settings, retention] = await Promise.all([getPracticeDetails(actor), getPracticeSettings(actor), retentionPolicy(actor)]);
  return (
    <>
      <PageHeader title="Practice settings" description="What applies to everyone in the practice. Only owners see this page; every change is recorded in the audit trail." />
      <nav aria-label="Sections" className="mb-8">
        <ul className="flex flex-wrap gap-2 text-sm">
          {SECTIONS.map((s) => (
            <li key={s.id}><a href={`#${s.id}`} className="block rounded-md border border-slate-200 bg-white px-3 py-1.5 text-brand-700 hover:bg-brand-50">{s.label}</a></li>
          ))}
        </ul>
      </nav>

      <div className="max-w-3xl space-y-10">
        <section aria-labelledby="details-heading" className="scroll-mt-4 space-y-3">
          <h2 id="details-heading" className="text-lg font-semibold">Practice</h2>
          <p className="text-sm text-muted">
            {details.conventionsConfirmedAt ? "Times are shown on the practice's clock; money and dates in its format." : "Check the time zone and currency before you book or bill: Confide starts every practice on UK time and pounds."}
          </p>
          <PracticeDetailsForm
            current={{ name: details.name, timeZone: details.timeZone, currency: details.currency, locale: details.locale }}
            timeZones={timeZones()}
            currencies={currencyOptions()}
            locales={localeOptions(details.currency)}
            confirmed={details.conventionsConfirmedAt !== null}
          />
        </section>

        <section aria-labelledby="security-heading" className="scroll-mt-4 space-y-4">
          <h2 id="security-heading" className="text-lg font-semibold">Security for everyone</h2>
          <form action={setIdleTimeoutAction} className={`${card} flex flex-wrap items-end gap-3 space-y-0`}>
            <div className="w-48">
              <Input label="Lock after (minutes)" name="idleTimeoutMinutes" type="number" min={5} max={60} required defaultValue={settings.idleTimeoutMinutes} hint="Between 5 and 60." />
            </div>
            <Button type="submit">Save lock time</Button>
          </form>

          <form action={setTwoFactorPolicyAction} className={card} aria-labelledby="mfa-policy-heading">
            <h3 id="mfa-policy-heading" className="font-semibold">Second factor for everyone</h3>
            <label className="flex items-start gap-3">
              <input type="checkbox" name="requireTwoFactor" defaultChecked={settings.requireTwoFactor} className="mt-1 size-4" />
              <span>
                <span className="font-medium text-ink">Require a second factor for every member</span>
                <span className="block text-sm text-muted">Recommended: Confide holds special-category health data.</span>
              </span>
            </label>
            <Textarea label="If you turn this off, say why" name="reason" rows={2} maxLength={500} defaultValue={settings.twoFactorRelaxedReason ?? ""} hint="Kept on record with the practice's settings." />
            <Button type="submit">Save rule</Button>
          </form>

          <form action={setManagersRevealAction} className={card} aria-labelledby="reveal-policy-heading">
            <h3 id="reveal-policy-heading" className="font-semibold">Contact details for scheduling</h3>
            <label className="flex items-start gap-3">
              <input type="checkbox" name="allowed" defaultChecked={settings.managersMayRevealContact} className="mt-1 size-4" />
              <span>
                <span className="font-medium text-ink">Practice managers may reveal a client&apos;s name, email and phone</span>
                <span className="block text-sm text-muted">Each reveal needs a reason and a recent confirmation, and is recorded. Managers never see notes.</span>
              </span>
            </label>
            <Button type="submit">Save</Button>
          </form>
        </section>

        <section aria-labelledby="retention-heading" className="scroll-mt-4 space-y-3">
          <h2 id="retention-heading" className="text-lg font-semibold">Retention</h2>
          <p className="text-sm text-muted">
            Records are kept {retention.retentionYears} years after last contact, or until age {retention.retentionMinorUntilAge} for clients seen as minors, whichever is later. Records past that come up for your{" "}
            <Link href="/requests/retention" className="text-brand-700 underline">review</Link>; nothing is destroyed without you.
          </p>
          <form action={setRetentionPolicyAction} className={card}>
            <div className="flex flex-wrap gap-4">
              <div className="w-56"><Input label="Years after last contact" name="retentionYears" type="number" min={1} max={100} required defaultValue={retention.retentionYears} /></div>
              <div className="w-72"><Input label="For clients seen as minors, until age" name="retentionMinorUntilAge" type="number" min={18} max={100} required defaultValue={retention.retentionMinorUntilAge} hint="Or the years rule, whichever is later." /></div>
            </div>
            {retention.retentionPolicyReason ? <p className="text-sm text-muted">Current reason: {retention.retentionPolicyReason}</p> : null}
            <Textarea label="Why (kept on record)" name="reason" rows={2} required minLength={10} maxLength={500} />
            <Button type="submit">Save policy</Button>
          </form>
        </section>

        <section aria-labelledby="reminders-heading" className="scroll-mt-4 space-y-3">
          <h2 id="reminders-heading" className="text-lg font-semibold">Reminders</h2>
          <p className="text-sm text-muted">
            A plain email before each appointment, only to clients who asked for it. <Link href="/schedule/reminders" className="text-brand-700 underline">See who opted in and what was sent</Link>.
          </p>
          <ReminderSettingsForm remindersEnabled={settings.remindersEnabled} reminderHoursBefore={settings.reminderHoursBefore} />
        </section>

        <section aria-labelledby="more-heading" className="scroll-mt-4 space-y-3">
          <h2 id="more-heading" className="text-lg font-semibold">More settings</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {MORE_SETTINGS.map((m) => (
              <li key={m.href} className="px-4 py-3">
                <Link href={m.href} className="font-medium text-brand-700 underline">{m.label}</Link>
                <p className="text-sm text-muted">{m.about}</p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
