import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { actionGroups } from "@/lib/audit/areas";
import { describeAuditEvent } from "@/lib/audit/describe";
import { auditFilterSchema, listAuditEvents } from "@/lib/audit/query";
import { lastVerification, recordAuditRead } from "@/lib/audit/review";
import { auditTime, zoneWords } from "@/lib/audit/when";
import { practiceTimeZone } from "@/lib/schedule/access";
import { requireActor } from "@/lib/entry/caller";
import { listMembers } from "@/lib/practice/list-members";
import { verifyChainAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

const outcomeStyle = { SUCCESS: "bg-emerald-50 text-emerald-800", DENIED: "bg-amber-50 text-amber-900", FAILED: "bg-red-50 text-red-800" };
const outcomeLabel = { SUCCESS: "Done", DENIED: "Refused", FAILED: "Failed" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const fieldErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const owner = actor.role === "OWNER";

  const [members, page, verification, timeZone] = await Promise.all([listMembers(actor), listAuditEvents(actor, filters), owner ? lastVerification(actor) : null, practiceTimeZone(actor.practiceId)]);
  await recordAuditRead(actor, "audit.viewed", { page: filters.cursor ? "next" : "first", results: page.rows.length }, await requestAuditContext());
  const names = new Map(members.map((m) => [m.userId, m.user.displayName]));
  const query = new URLSearchParams(Object.entries(filters).filter(([k, v]) => k !== "cursor" && v) as [string, string][]);
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([...query, ["format", format]])}`;

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          owner
            ? "Everything that happened in your practice: who did what, to which record, and when. The trail cannot be changed, and you can prove it."
            : "Everything you have done in Confide, as the practice's audit trail records it."
        }
        actions={
          owner ? (
            <form action={verifyChainAction}>
              <Button type="submit" variant="secondary">Verify the chain</Button>
            </form>
          ) : null
        }
      />

      {verification ? (
        <section aria-label="Last check of the chain" data-testid="last-verification" className={`mb-6 rounded-lg border px-4 py-3 text-sm ${verification.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}>
          <p>
            <strong>{verification.ok ? "Intact" : "Broken"}</strong>
            {" — last checked "}
            <time dateTime={verification.at.toISOString()}>{auditTime(verification.at, timeZone)}</time>
            {` (${zoneWords(timeZone)})`}
            {verification.by && names.get(verification.by) ? ` by ${names.get(verification.by)}` : ""}
            {": "}
            {verification.ok
              ? `all ${verification.verified.toLocaleString("en-GB")} events check out.`
              : `the chain breaks at event ${verification.brokenAt ?? "?"}. Export a copy and contact your administrator.`}
          </p>
        </section>
      ) : owner ? (
        <p className="mb-6 text-sm text-muted" data-testid="last-verification">The chain has not been checked yet. &ldquo;Verify the chain&rdquo; checks every event from the first.</p>
      ) : null}

      <form method="get" className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit trail">
        <FormError message={parsed.success ? null : "Some filters were not valid and have been ignored."} />
        <Input label="From" name="from" type="date" defaultValue={raw.from ?? ""} error={fieldErrors.from} />
        <Input label="To" name="to" type="date" defaultValue={raw.to ?? ""} error={fieldErrors.to} />
        {owner ? (
          <Select label="Who" name="actor" defaultValue={raw.actor ?? ""} error={fieldErrors.actor}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>{m.user.displayName}</option>
            ))}
          </Select>
        ) : null}
        <Select label="Action" name="action" defaultValue={raw.action ?? ""} error={fieldErrors.action}>
          <option value="">Any action</option>
          {actionGroups().map((g) => (
            <optgroup key={g.area} label={g.area}>
              {g.actions.map((a) => (
                <option key={a.value} value={a.value}>{a.label}</option>
              ))}
            </optgroup>
          ))}
        </Select>
        <Input label="Client code or record id" name="target" defaultValue={raw.target ?? ""} error={fieldErrors.target} placeholder="K7Q4-MX2P-B9X5" />
        <Select label="Outcome" name="outcome" defaultValue={raw.outcome ?? ""} error={fieldErrors.outcome}>
          <option value="">Any outcome</option>
          <option value="SUCCESS">Done</option>
          <option value="DENIED">Refused</option>
          <option value="FAILED">Failed</option>
        </Select>
        <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-6">
          <Button type="submit">Apply filters</Button>
          <ButtonLink href="/audit" variant="ghost">Clear</ButtonLink>
          <span className="ml-auto flex flex-wrap gap-2">
            <a className={buttonClass("secondary")} href={exportHref("csv")}>Export CSV</a>
            <a className={buttonClass("secondary")} href={exportHref("json")}>Export JSON</a>
            {owner ? <a className={buttonClass("secondary")} href="/api/audit/checkpoint">Signed checkpoint</a> : null}
          </span>
        </div>
      </form>

      <p className="mb-2 text-sm text-muted">Newest first. Times are {zoneWords(timeZone)}. A client&apos;s code finds every event about them.</p>
      {page.rows.length === 0 ? (
        <EmptyState title="No events match these filters">Try a wider date range, or clear the filters.</EmptyState>
      ) : (
        <ol className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="Audit events, newest first">
          {page.rows.map((e) => (
            <li key={e.id.toString()}>
              <Link href={`/audit/${e.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4">
                <time dateTime={e.occurredAt.toISOString()} className="shrink-0 text-sm tabular-nums text-muted sm:w-52">
                  {auditTime(e.occurredAt, timeZone)}
                </time>
                <span className="flex-1 text-ink">{describeAuditEvent(e, (id) => names.get(id))}</span>
                <span className={`w-fit rounded px-2 py-0.5 text-xs font-semibold ${outcomeStyle[e.outcome]}`}>{outcomeLabel[e.outcome]}</span>
              </Link>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between">
        <ButtonLink href={`/audit?${query}`} variant="ghost" aria-disabled={!filters.cursor} className={filters.cursor ? "" : "invisible"}>
          Newest
        </ButtonLink>
        {page.nextCursor ? (
          <ButtonLink href={`/audit?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}`} variant="secondary">
            Older events
          </ButtonLink>
        ) : null}
      </nav>
    </>
  );
}
