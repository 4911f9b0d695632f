import type { Metadata } from "next";
import type { Route } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requestAuditContext } from "@/lib/entry/context";
import { currentAccountHolder } from "@/lib/entry/caller";
import { requireOperator } from "@/lib/entry/caller";
import { listPractices } from "@/lib/platform/practices";
import { suspensionReasonLabel } from "@/lib/platform/schema";
import { SuspensionBadge } from "./suspension-badge";

export const metadata: Metadata = { title: "Platform" };

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const number = new Intl.NumberFormat("en-GB");

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  if ((await currentAccountHolder())?.platform === "needs-second-factor") {
    return (
      <>
        <PageHeader title="Platform" />
        <p className="max-w-2xl rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
          Platform administration needs a second factor on your account, even where your practice does not require one.{" "}
          <Link href="/settings/two-factor" className="font-medium underline">Set up an authenticator app or a passkey</Link>, then come back here.
        </p>
      </>
    );
  }
  const operator = await requireOperator();
  const { page, pages, counts, practices } = await listPractices(operator, await searchParams, await requestAuditContext());
  const figures = [
    { label: "Practices", value: counts.practices, note: counts.suspended > 0 ? `${number.format(counts.suspended)} suspended` : "none suspended" },
    { label: "Members", value: counts.members, note: "active memberships" },
    { label: "Clients", value: counts.clients, note: "active and discharged" },
    { label: "Notes", value: counts.notes, note: "drafts and signed" },
    { label: "Audit events", value: counts.auditEvents, note: "all chains" },
  ];
  return (
    <>
      <PageHeader
        title="Platform"
        description="Every practice on this Confide installation. You see counts and practice details only: never members, clients, notes or what the audit trail says."
      />
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="sr-only">Platform counts</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {figures.map((f) => (
            <div key={f.label} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-muted">{f.label}</dt>
              <dd className="mt-1 text-2xl font-semibold text-ink">{number.format(f.value)}</dd>
              <dd className="text-xs text-muted">{f.note}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="practices-heading" className="mt-10 space-y-3">
        <h2 id="practices-heading" className="text-lg font-semibold">Practices</h2>
        <p className="text-sm text-muted">Newest first. Last activity is the time of the practice&apos;s most recent audit event.</p>
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Practices, newest first{pages > 1 ? `, page ${page} of ${pages}` : ""}</caption>
            <thead className="bg-slate-50 text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Practice</th>
                <th scope="col" className="px-4 py-3 font-medium">Created</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Members</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Clients</th>
                <th scope="col" className="px-4 py-3 font-medium">Last activity</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {practices.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="px-4 py-3 font-medium text-ink">
                    <Link href={`/platform/practices/${p.id}` as Route} className="text-brand-700 underline">{p.name}</Link>
                  </th>
                  <td className="px-4 py-3 text-muted">{date.format(p.createdAt)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{number.format(p.members)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{number.format(p.clients)}</td>
                  <td className="px-4 py-3 text-muted">{p.lastActivityAt ? dateTime.format(p.lastActivityAt) : "None yet"}</td>
                  <td className="px-4 py-3">
                    <SuspensionBadge suspendedAt={p.suspendedAt} />
                    {p.suspendedReason ? <span className="mt-1 block text-xs text-muted">{suspensionReasonLabel[p.suspendedReason]}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav aria-label="Pages of practices" className="flex items-center gap-4 text-sm">
            {page > 1 ? <Link href={`/platform?page=${page - 1}` as Route} className="font-medium text-brand-700 underline">Newer</Link> : null}
            <span className="text-muted">Page {page} of {pages}</span>
            {page < pages ? <Link href={`/platform?page=${page + 1}` as Route} className="font-medium text-brand-700 underline">Older</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
