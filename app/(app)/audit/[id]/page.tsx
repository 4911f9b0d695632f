import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { describeAuditEvent } from "@/lib/audit/describe";
import { getAuditEvent } from "@/lib/audit/query";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { listMembers } from "@/lib/practice/list-members";

export const metadata: Metadata = { title: "Audit event" };

/** A member by name (or "Former member"), a client by code through the portal, a public-form sender, or Confide itself. */
function who(event: { actorType: string; actorId: string | null; actorRole: string | null }, names: Map<string, string>): string {
  if (event.actorType === "SYSTEM") return "Confide";
  if (event.actorType === "CLIENT" && event.actorId === "unknown") return "Someone in the portal, with a code that matches no client";
  if (event.actorType === "CLIENT") return event.actorId ? `Client ${event.actorId}, in the portal` : "Someone without an account, through the public request form";
  return event.actorId ? `${names.get(event.actorId) ?? "Former member"} (${event.actorRole ?? "no role"})` : "No account";
}

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  if (!/^\d{1,18}$/.test(id)) notFound();
  const event = await getAuditEvent(actor, BigInt(id));
  if (!event) notFound();
  await recordAuditRead(actor, "audit.event.viewed", { seq: event.seq.toString() }, await requestAuditContext(), { type: "audit_event", id });
  const names = new Map((await listMembers(actor)).map((m) => [m.userId, m.user.displayName]));

  const rows: [string, string][] = [
    ["When", event.occurredAt.toISOString()],
    ["Who", who(event, names)],
    ["Action", `${event.action}${isAuditAction(event.action) ? ` — ${AUDIT_ACTIONS[event.action].about}` : ""}`],
    ["Record", event.targetType ? `${event.targetType} ${event.targetId}` : "—"],
    ["Outcome", event.outcome.toLowerCase()],
    ["Details", JSON.stringify(event.details)],
    ["Request id", event.requestId ?? "—"],
    ["IP address", event.ip ?? "—"],
    ["Browser", event.userAgent ?? "—"],
    ...(event.contextSealed
      ? [["Stored as", "The IP address and browser are stored encrypted, under a key that belongs to the client (or the person who sent the request). They are shown decrypted above, or as “erased” once that client’s erasure destroyed the key. The hash covers the encrypted form, so the chain still verifies."] as [string, string]]
      : []),
    ["Sequence in chain", event.seq.toString()],
    ["Previous hash", Buffer.from(event.prevHash).toString("hex")],
    ["Hash", Buffer.from(event.hash).toString("hex")],
  ];
  return (
    <>
      <PageHeader title={describeAuditEvent(event, (uid) => names.get(uid))} description="One event of the audit trail, exactly as recorded." actions={<ButtonLink href="/audit" variant="secondary">Back to the trail</ButtonLink>} />
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map(([term, value]) => (
          <div key={term} className="grid gap-1 px-4 py-3 sm:grid-cols-4">
            <dt className="text-sm font-medium text-muted">{term}</dt>
            {/* Wrapped only where a long value (a hash, an id) would overflow, not mid-word; "Stored as" is a sentence, not a value. */}
            <dd className={`text-sm text-ink wrap-anywhere sm:col-span-3 ${term === "Stored as" ? "" : "font-mono"}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
