import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { describeDevice } from "@/lib/auth/device";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import Link from "next/link";
import { ChangeEmailForm } from "./email-form";
import { ChangePasswordForm } from "./password-form";
import { ownEmail } from "@/lib/auth/email-change";
import { listOwnSessions } from "@/lib/auth/manage-sessions";
import { mayChangePracticeSettings } from "@/lib/practice/settings";
import { endSessionAction, signOutEverywhereAction } from "./actions";
import { FactorChangesSection } from "./factor-changes-section";
import { PasskeysSection } from "./passkeys-section";

export const metadata: Metadata = { title: "Security" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export default async function SecurityPage() {
  const actor = await requireActor();
  const [sessions, email] = await Promise.all([listOwnSessions(actor), ownEmail(actor)]);
  const ownerSettings = mayChangePracticeSettings(actor);
  return (
    <>
      <PageHeader title="Security" description="Your own account: where you are signed in, your password, email address and passkeys." />

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="sessions-heading" className="text-lg font-semibold">Where you are signed in</h2>
            <p className="text-sm text-muted">End any session you do not recognise. Sessions end by themselves after 12 hours.</p>
          </div>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="danger">Sign out everywhere</Button>
          </form>
        </div>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center">
              <div className="flex-1">
                <p className="font-medium text-ink">
                  {describeDevice(s.userAgent)}
                  {s.current ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">This device</span> : null}
                </p>
                <p className="text-sm text-muted">
                  Signed in {when.format(s.createdAt)} · last active {when.format(s.lastSeenAt)}
                </p>
              </div>
              <form action={endSessionAction}>
                <input type="hidden" name="sessionId" value={s.id} />
                <Button
                  type="submit"
                  variant="secondary"
                  aria-label={`${s.current ? "Sign out here" : "End session"}: ${describeDevice(s.userAgent)}, signed in ${when.format(s.createdAt)}`}
                >
                  {s.current ? "Sign out here" : "End session"}
                </Button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="password-heading" id="password" className="mt-10 space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">Password</h2>
        {isSteppedUp(actor) ? (
          <ChangePasswordForm />
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            To change your password, first{" "}
            <Link href={stepUpPath("/settings/security#password")} className="font-medium text-brand-700 underline">
              confirm it is you
            </Link>
            .
          </p>
        )}
      </section>

      <section aria-labelledby="email-heading" id="email" className="mt-10 space-y-3">
        <h2 id="email-heading" className="text-lg font-semibold">Email address</h2>
        <p className="text-sm text-muted">
          You sign in with <strong className="text-ink">{email}</strong>. To change it, we send a link to the new address.
        </p>
        {isSteppedUp(actor) ? (
          <ChangeEmailForm />
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            To change your email address, first{" "}
            <Link href={stepUpPath("/settings/security#email")} className="font-medium text-brand-700 underline">
              confirm it is you
            </Link>
            .
          </p>
        )}
      </section>

      <PasskeysSection actor={actor} />

      <FactorChangesSection actor={actor} />

      {ownerSettings ? (
        <p className="mt-10 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          The screen lock, the second-factor rule and what managers may reveal apply to everyone: change them in{" "}
          <Link href="/settings/practice#security-heading" className="font-medium text-brand-700 underline">Practice settings</Link>.
        </p>
      ) : null}
    </>
  );
}
