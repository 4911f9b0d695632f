import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { AddPasskeyForm } from "@/components/passkeys/add-passkey-form";
import { PageHeader } from "@/components/ui/page-header";
import { describeDevice } from "@/lib/auth/device";
import { mustEnrolSecondFactor, requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { startTotpEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { ConfirmEnrolmentForm, RegenerateCodesForm } from "./two-factor-forms";

export const metadata: Metadata = { title: "Two-factor authentication" };

const HERE = "/settings/two-factor";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

export default async function TwoFactorPage() {
  const actor = await requireActor({ duringEnrolment: true });
  const required = await mustEnrolSecondFactor();
  const status = await twoFactorStatus(actor);

  if (status.enabledAt) {
    return (
      <>
        <PageHeader title="Two-factor authentication" description={`On since ${when.format(status.enabledAt)}. Signing in needs your password and a code from your app${status.passkeys > 0 ? ", or one of your passkeys" : ""}.`} />
        <section aria-labelledby="recovery-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="recovery-heading" className="text-lg font-semibold">Recovery codes</h2>
          <p className="text-sm text-muted">You have {status.recoveryCodesLeft} unused recovery code{status.recoveryCodesLeft === 1 ? "" : "s"}.</p>
          {isSteppedUp(actor) ? <RegenerateCodesForm /> : <StepUpNotice href={stepUpPath(HERE)} doing="To make new recovery codes" />}
        </section>
      </>
    );
  }

  const header = (
    <PageHeader
      title="Set up two-factor authentication"
      description={
        required
          ? "Your practice requires a second factor for everyone, because Confide holds health records. It takes two minutes."
          : status.passkeys > 0
            ? "You already have a passkey, which counts as a second factor. An authenticator app gives you another way in if you lose that device."
            : "Add a second step to signing in, so a stolen password is not enough."
      }
    />
  );
  // A new factor needs a fresh confirmation (signing in just now counts); the key is not shown before it.
  if (!isSteppedUp(actor)) {
    return (
      <>
        {header}
        <StepUpNotice href={stepUpPath(HERE)} doing={status.passkeys === 0 ? "To add a passkey or an authenticator app" : "To add an authenticator app"} />
      </>
    );
  }
  const enrolment = await startTotpEnrolment(actor);
  const groupedKey = enrolment.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <>
      {header}
      {status.passkeys === 0 ? (
        <section aria-labelledby="passkey-option-heading" className="mb-8 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="passkey-option-heading" className="font-semibold">Quickest: add a passkey</h2>
          <p className="text-sm text-muted">
            Use this device&apos;s fingerprint, face or PIN check. A passkey is a second factor on its own, and it lets you sign
            in without your password. You can manage passkeys later on the{" "}
            <Link href="/settings/security" className="font-medium text-brand-700 underline">Security</Link> page.
          </p>
          <AddPasskeyForm suggestedName={describeDevice((await headers()).get("user-agent"))} doneHref="/dashboard" stepUpHref={stepUpPath(HERE)} />
        </section>
      ) : null}
      <h2 className="mb-3 text-lg font-semibold">{status.passkeys === 0 ? "Or use an authenticator app" : "Use an authenticator app"}</h2>
      <ol className="space-y-6">
        <li className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">1. Add Confide to an authenticator app</h2>
          <p className="mt-1 text-sm text-muted">Scan the code with an app such as Google Authenticator, Microsoft Authenticator or 1Password.</p>
          <div className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-center">
            {/* A data: URL generated on the server: nothing is loaded from elsewhere. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={enrolment.qrDataUrl} width={220} height={220} alt="QR code to add Confide to your authenticator app" className="rounded border border-slate-200" />
            <div>
              <p className="text-sm text-muted">Cannot scan? Type this key into the app instead:</p>
              <p className="mt-1 font-mono text-lg tracking-wider text-ink" data-testid="totp-key">{groupedKey}</p>
            </div>
          </div>
        </li>
        <li className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">2. Enter the code the app shows</h2>
          <ConfirmEnrolmentForm stepUpHref={stepUpPath(HERE)} />
        </li>
      </ol>
    </>
  );
}
