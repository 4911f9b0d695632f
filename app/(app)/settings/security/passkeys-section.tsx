import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AddPasskeyForm } from "@/components/passkeys/add-passkey-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import type { Actor } from "@/lib/entry/caller";
import { describeDevice } from "@/lib/auth/device";
import { listOwnPasskeys } from "@/lib/auth/passkeys/manage";
import Link from "next/link";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { removePasskeyAction, renamePasskeyAction } from "./actions";

const PASSKEYS_HERE = "/settings/security#passkeys-heading";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** The member's passkeys: list, add, rename, remove. */
export async function PasskeysSection({ actor }: { actor: Actor }) {
  const [passkeys, requestHeaders] = await Promise.all([listOwnPasskeys(actor), headers()]);
  return (
    <section aria-labelledby="passkeys-heading" className="mt-10 space-y-3">
      <div>
        <h2 id="passkeys-heading" className="text-lg font-semibold">Passkeys</h2>
        <p className="max-w-2xl text-sm text-muted">
          A passkey lets you sign in with your fingerprint, face or device PIN instead of your password and a code. It
          counts as two-factor authentication, and it cannot be phished.
        </p>
      </div>

      {passkeys.length > 0 ? (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {passkeys.map((p) => (
            <li key={p.id} className="space-y-2 px-4 py-3">
              <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
                <p className="font-medium text-ink">
                  {p.name}
                  {p.backedUp ? <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700">Synced</span> : null}
                </p>
                <p className="text-sm text-muted">
                  Added {when.format(p.createdAt)} · {p.lastUsedAt ? `last used ${when.format(p.lastUsedAt)}` : "not used to sign in yet"}
                </p>
              </div>
              <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
                <RowAction label="Rename" context={`passkey “${p.name}”`} tone="text-brand-700">
                  <form action={renamePasskeyAction} className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="passkeyId" value={p.id} />
                    <div className="w-64">
                      <Input label={`New name for “${p.name}”`} name="name" required maxLength={60} defaultValue={p.name} autoComplete="off" />
                    </div>
                    <Button type="submit" variant="secondary">Save name</Button>
                  </form>
                </RowAction>
                <RowAction label="Remove" context={`passkey “${p.name}”`} tone="text-red-700">
                  <form action={removePasskeyAction} className="space-y-2">
                    <input type="hidden" name="passkeyId" value={p.id} />
                    <p className="max-w-md text-muted">
                      It will no longer sign you in to Confide. If it is your only second factor and your practice requires
                      one, you will be asked to set up another.
                    </p>
                    {isSteppedUp(actor) ? (
                      <Button type="submit" variant="danger">Remove “{p.name}”</Button>
                    ) : (
                      <p>
                        First{" "}
                        <Link href={stepUpPath(PASSKEYS_HERE)} className="font-semibold text-brand-700 underline">
                          confirm it is you
                        </Link>
                        .
                      </p>
                    )}
                  </form>
                </RowAction>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-muted">
          You have no passkeys yet.
        </p>
      )}

      {isSteppedUp(actor) ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 className="font-semibold">New passkey</h3>
          <p className="mb-3 text-sm text-muted">
            Your browser will ask you to confirm with your fingerprint, face, screen lock or security key.
          </p>
          <AddPasskeyForm suggestedName={describeDevice(requestHeaders.get("user-agent"))} stepUpHref={stepUpPath(PASSKEYS_HERE)} />
        </div>
      ) : (
        // A passkey signs in on its own, so adding one needs a fresh confirmation, as removing one does.
        <StepUpNotice href={stepUpPath(PASSKEYS_HERE)} doing="To add a passkey" />
      )}
    </section>
  );
}

/** A row's action behind a native disclosure (keyboard and screen-reader friendly, no script). */
function RowAction({ label, context, tone, children }: { label: string; context: string; tone: string; children: ReactNode }) {
  return (
    <details>
      <summary className={`cursor-pointer rounded font-medium underline ${tone}`}>
        {label}
        <span className="sr-only"> {context}</span>
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}
