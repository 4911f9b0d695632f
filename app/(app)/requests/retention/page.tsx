import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { formatClientCode } from "@/lib/clients/code";
import { listDueForReview, managesRetention, retentionPolicy } from "@/lib/retention/review";
import { destroyAction, holdAction } from "./actions";

export const metadata: Metadata = { title: "Retention" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function RetentionPage() {
  const actor = await requireActor();
  if (!managesRetention(actor)) redirect("/dashboard");
  const [{ due, held }, policy] = await Promise.all([listDueForReview(actor), retentionPolicy(actor)]);
  const steppedUp = isSteppedUp(actor);
  return (
    <>
      <PageHeader
        title="Retention"
        description="Records are kept for as long as your policy says, then destroyed for good after you confirm."
        actions={<Link href="/requests" className="text-sm font-semibold text-brand-700 underline">Back to requests</Link>}
      />
      <section aria-labelledby="due-heading" className="space-y-3">
        <h2 id="due-heading" className="text-lg font-semibold">Due for review ({due.length})</h2>
        {due.length === 0 ? (
          <EmptyState title="Nothing is due">The daily retention check (npm run retention:run) lists discharged records here once their retention period has passed.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {due.map((c) => {
              const code = formatClientCode(c.code);
              return (
                <li key={c.code} className="space-y-3 px-4 py-4">
                  <p><span className="font-mono font-semibold">{code}</span> {c.label ? `· ${c.label}` : ""} <span className="text-sm text-muted">· discharged {c.dischargedAt ? day.format(c.dischargedAt) : "—"} · due since {day.format(c.retentionDueAt!)}</span></p>
                  <div className="flex flex-wrap items-start gap-6">
                    {steppedUp ? (
                      <form action={destroyAction}>
                        <input type="hidden" name="code" value={code} />
                        <Button type="submit" variant="danger" aria-label={`Destroy record ${code}`}>Destroy for good</Button>
                      </form>
                    ) : (
                      <p className="text-sm">To destroy, first <Link href={stepUpPath("/requests/retention")} className="font-semibold text-brand-700 underline">confirm it is you</Link>.</p>
                    )}
                    <form action={holdAction} className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="code" value={code} />
                      <div className="w-64"><Input label="Hold: reason" name="reason" required minLength={10} /></div>
                      <div className="w-44"><Input label="Review on" name="reviewOn" type="date" required /></div>
                      <Button type="submit" variant="secondary" aria-label={`Place a legal hold on ${code}`}>Place legal hold</Button>
                    </form>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {held.length > 0 ? (
        <section aria-labelledby="held-heading" className="mt-10 space-y-3">
          <h2 id="held-heading" className="text-lg font-semibold">On legal hold</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {held.map((c) => (
              <li key={c.code} className="px-4 py-2"><span className="font-mono">{formatClientCode(c.code)}</span> · review {day.format(c.legalHoldUntil!)} · {c.legalHoldReason}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="policy-heading" className="mt-10 space-y-3">
        <h2 id="policy-heading" className="text-lg font-semibold">Policy</h2>
        <p className="text-sm">
          Records are kept {policy.retentionYears} years after last contact, or until age {policy.retentionMinorUntilAge} for clients seen as minors, whichever is later.{" "}
          <Link href="/settings/practice#retention-heading" className="font-medium text-brand-700 underline">Change the policy in Practice settings</Link>
        </p>
      </section>
    </>
  );
}
