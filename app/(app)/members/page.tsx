import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/auth/current";
import { listMembers } from "@/lib/practice/list-members";
import { roleLabel } from "@/lib/practice/roles";

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export default async function MembersPage() {
  const actor = await requireActor();
  const members = await listMembers(actor);
  await recordAuditRead(actor, "member.listed", { count: members.length });
  return (
    <>
      <PageHeader title="Members" description={`Everyone who can sign in to ${actor.practiceName}, and their role.`} />
      {members.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Practice members</caption>
            <thead className="bg-slate-50 text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Email</th>
                <th scope="col" className="px-4 py-3 font-medium">Role</th>
                <th scope="col" className="px-4 py-3 font-medium">Member since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3 font-medium text-ink">{m.user.displayName}</td>
                  <td className="px-4 py-3 text-muted">{m.user.email}</td>
                  <td className="px-4 py-3">{roleLabel(m.role)}</td>
                  <td className="px-4 py-3 text-muted">{dateFormat.format(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
