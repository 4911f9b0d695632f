import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { describeAuditEvent, reasonInWords, ROLE_WORDS } from "@/lib/audit/describe";
import { getAuditEvent } from "@/lib/audit/query";
import { recordAuditRead } from "@/lib/audit/review";
import { auditTimeLong, zoneWords } from "@/lib/audit/when";
import { practiceTimeZone } from "@/lib/schedule/access";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { requireActor } from "@/lib/entry/caller";
import { listMembers } from "@/lib/practice/list-members";

export const metadata: Metadata = { title: "Audit event" };

const OUTCOME_WORDS: Record<string, string> = { SUCCESS: "Done", DENIED: "Refused", FAILED: "Failed" };

/** A member by name and role in words (or "Former member"), a client by code through the portal, a public-form sender, or Confide itself. */
function who(event: { actorType: string; actorId: string | null; actorRole: string | null }, names: Map<string, string>): string {
  if (event.actorType === "SYSTEM") return "Confide (a scheduled job or the system itself)";
  if (event.actorType === "CLIENT" && event.actorId === "unknown") return "Someone in the portal, with a code that matches no client";
  if (event.actorType === "CLIENT") return event.actorId ? `Client ${shownCode(event.actorId)}, in the portal` : "Someone without an account, through the public request form";
  const role = event.actorRole ? (ROLE_WORDS[event.actorRole] ?? "member") : "no role";
  return event.actorId ? `${names.get(event.actorId) ?? "Former member"}, ${role}` : "No account";
}

const shownCode = (value: string) => (parseClientCode(value) === value ? formatClientCode(value) : value);

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  if (!/^\d{1,18}$/.test(id)) notFound();
  const event = await getAuditEvent(actor, BigInt(id));
  if (!event) notFound();
  await recordAuditRead(actor, "audit.event.viewed", { seq: event.seq.toString() }, await requestAuditContext(), { type: "audit_event", id });
  const names = new Map((await listMembers(actor)).map((m) => [m.userId, m.user.displayName]));
  const reason = reasonInWords(event.details);
  const timeZone = await practiceTimeZone(actor.practiceId);

  const rows: [string, React.ReactNode][] = [
    ["When", <><time dateTime={event.occurredAt.toISOString()}>{auditTimeLong(event.occurredAt, timeZone)}</time> <span className="text-muted">({zoneWords(timeZone)})</span><span className="block font-mono text-xs text-muted">{event.occurredAt.toISOString()}</span></>],
    ["Who", who(event, names)],
    ["What happened", isAuditAction(event.action) ? AUDIT_ACTIONS[event.action].about : "An action this version of Confide has no words for."],
    ["Outcome", OUTCOME_WORDS[event.outcome] ?? event.outcome],
    ...(reason ? [["Reason", reason] as [string, string]] : []),
    ["Record", event.targetType ? (event.targetType === "client" && event.targetId ? `Client ${shownCode(event.targetId)}` : `${event.targetType.replace(/_/g, " ")} ${event.targetId}`) : "—"],
    ["Recorded as", <span key="action" className="font-mono">{event.action}</span>],
    ["Details", <span key="details" className="font-mono">{JSON.stringify(event.details)}</span>],
    ["Request id", event.requestId ?? "—"],
    ["IP address", event.ip ?? "—"],
    ["Browser", event.userAgent ?? "—"],
    ...(event.contextSealed
      ? [["Stored as", "The IP address and browser are stored encrypted, under a key that belongs to the client (or the person who sent the request). They are shown decrypted above, or as “erased” once that client’s erasure destroyed the key. The hash covers the encrypted form, so the chain still verifies."] as [string, string]]
      : []),
    ["Sequence in chain", event.seq.toString()],
    ["Previous hash", <span key="prev" className="font-mono">{Buffer.from(event.prevHash).toString("hex")}</span>],
    ["Hash", <span key="hash" className="font-mono">{Buffer.from(event.hash).toString("hex")}</span>],
  ];
  return (
    <>
      <PageHeader title={describeAuditEvent(event, (uid) => names.get(uid))} description="One event of the audit trail, exactly as recorded." actions={<ButtonLink href="/audit" variant="secondary">Back to the trail</ButtonLink>} />
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map(([term, value]) => (
          <div key={term} className="grid gap-1 px-4 py-3 sm:grid-cols-4">
            <dt className="text-sm font-medium text-muted">{term}</dt>
            {/* Wrapped only where a long value (a hash, an id) would overflow, not mid-word. */}
            <dd className="text-sm text-ink wrap-anywhere sm:col-span-3">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
