import { requestAuditContext } from "@/lib/entry/context";
import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { recordAuditRead } from "@/lib/audit/review";
import { requireActor } from "@/lib/entry/caller";
import { listMembers } from "@/lib/practice/list-members";
import { listOpenInvitations } from "@/lib/practice/list-open-invitations";
import { roleLabel } from "@/lib/practice/roles";
import { managesMembers, mayRemoveMember, mayResetTwoFactor, secondFactorLabel } from "@/lib/practice/member-rules";
import { cardTable } from "@/components/ui/card-table";
import { changeRoleAction, inviteAction, removeMemberAction, resetTwoFactorAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });
const roles = ["OWNER", "THERAPIST", "MANAGER"] as const;

export default async function MembersPage() {
  const actor = await requireActor();
  const owner = managesMembers(actor);
  const [members, invitations] = await Promise.all([listMembers(actor), owner ? listOpenInvitations(actor) : Promise.resolve([])]);
  await recordAuditRead(actor, "member.listed", { count: members.length }, await requestAuditContext());
  return (
    <>
      <PageHeader title="Members" description={`Everyone who can sign in to ${actor.practiceName}, and their role.`} />
      {members.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <div className={cardTable.wrap}>
          <table className={cardTable.table}>
            <caption className="sr-only">Practice members</caption>
            <thead className={cardTable.head}>
              <tr>
                <th scope="col" className={cardTable.th}>Name</th>
                <th scope="col" className={cardTable.th}>Email</th>
                <th scope="col" className={cardTable.th}>Role</th>
                <th scope="col" className={cardTable.th}>Second factor</th>
                <th scope="col" className={cardTable.th}>Member since</th>
                {owner ? <th scope="col" className={cardTable.th}><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className={cardTable.body}>
              {members.map((m) => (
                <tr key={m.id} className={cardTable.row} data-member={m.user.email}>
                  <th scope="row" className={`${cardTable.lead} text-left text-base font-semibold text-ink md:text-sm md:font-medium`}>
                    <span>{m.user.displayName}{m.id === actor.membershipId ? <span className="ml-2 text-xs font-normal text-muted">(you)</span> : null}</span>
                  </th>
                  <td className={`${cardTable.lead} break-all text-muted`}>{m.user.email}</td>
                  <td className={cardTable.cell} data-label="Role">
                    {owner ? (
                      <form action={changeRoleAction} className="flex items-center gap-2">
                        <input type="hidden" name="membershipId" value={m.id} />
                        <label className="sr-only" htmlFor={`role-${m.id}`}>Role of {m.user.displayName}</label>
                        <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
                          {roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
                        </select>
                        <Button type="submit" variant="ghost" aria-label={`Change role of ${m.user.displayName}`}>Change</Button>
                      </form>
                    ) : (
                      <span>{roleLabel(m.role)}</span>
                    )}
                  </td>
                  <td className={cardTable.cell} data-label="Second factor" data-testid="second-factor">
                    <span className={m.user.totpEnabledAt || m.user._count.passkeys ? "" : "font-medium text-amber-800"}>{secondFactorLabel(m)}</span>
                  </td>
                  <td className={`${cardTable.cell} text-muted`} data-label="Member since">{dateFormat.format(m.createdAt)}</td>
                  {owner ? (
                    <td className={cardTable.cell}>
                      <div className="flex flex-wrap gap-2 md:justify-end">
                        {mayResetTwoFactor(actor, m) ? (
                          <form action={resetTwoFactorAction}>
                            <input type="hidden" name="membershipId" value={m.id} />
                            <Button type="submit" variant="ghost" aria-label={`Reset two-factor for ${m.user.displayName}`}>Reset 2FA</Button>
                          </form>
                        ) : null}
                        {mayRemoveMember(actor, m) ? (
                          <form action={removeMemberAction}>
                            <input type="hidden" name="membershipId" value={m.id} />
                            <Button type="submit" variant="secondary" aria-label={`Remove ${m.user.displayName}`}>Remove</Button>
                          </form>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {owner ? (
        <section aria-labelledby="invite-heading" className="mt-10 space-y-4">
          <h2 id="invite-heading" className="text-lg font-semibold">Invite someone</h2>
          <form action={inviteAction} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div className="min-w-64 flex-1">
              <Input label="Their email address" name="email" type="email" autoComplete="off" required />
            </div>
            <div className="w-56">
              <Select label="Role" name="role" defaultValue="THERAPIST">
                {roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
              </Select>
            </div>
            <Button type="submit">Send invitation</Button>
          </form>
          {invitations.length > 0 ? (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Invitations not yet accepted">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <span className="min-w-0 flex-1 break-words">
                    <span className="font-medium text-ink">{i.email}</span> · {roleLabel(i.role)} · link works until {dateFormat.format(i.expiresAt)}
                  </span>
                  <form action={revokeInvitationAction}>
                    <input type="hidden" name="invitationId" value={i.id} />
                    <Button type="submit" variant="secondary" aria-label={`Withdraw invitation for ${i.email}`}>Withdraw</Button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
