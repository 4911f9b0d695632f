import type { Metadata } from "next";
import { requestAuditContext } from "@/lib/entry/context";
import { AppError } from "@/lib/http/errors";
import { openInvitation } from "@/lib/practice/open-invitation";
import { roleLabel } from "@/lib/practice/roles";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Join a practice", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let opened;
  try {
    opened = await openInvitation(token, await requestAuditContext());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <div className="mx-auto max-w-md px-4 py-12">
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-2xl font-semibold tracking-tight">This invitation cannot be used</h1>
          <p className="mt-2 text-muted">{error.userMessage}</p>
        </div>
      </div>
    );
  }
  const { invitation, hasAccount } = opened;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.practice.name}</h1>
        <p className="mt-1 text-sm text-muted">
          You have been invited as {roleLabel(invitation.role).toLowerCase()}.{" "}
          {hasAccount ? "You already have a Confide account: confirm with its password." : "Set up your account to accept."}
        </p>
        <AcceptForm token={token} hasAccount={hasAccount} email={invitation.email} />
      </div>
    </div>
  );
}
