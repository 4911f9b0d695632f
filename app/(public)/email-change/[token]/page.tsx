import type { Metadata } from "next";
import Link from "next/link";
import { CardPage } from "@/components/ui/card-page";
import { checkEmailChangeLink } from "@/lib/auth/email-change";
import { ConfirmEmailChangeForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm your new email address" };

// A button, not an automatic change: mail scanners open links, and must not change accounts.
// Signed in or not: the link proves this mailbox, and asking for it needed a full re-authentication.
export default async function ConfirmEmailChangePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await checkEmailChangeLink(token))) {
    return (
      <CardPage title="This link cannot be used" description="It has expired, has already been used, or a newer change was asked for.">
        <p className="mt-4 text-sm">
          Sign in and ask again from your{" "}
          <Link href="/settings/security#email" className="font-medium text-brand-700 underline">Security page</Link>.
        </p>
      </CardPage>
    );
  }
  return (
    <CardPage
      title="Confirm your new email address"
      description="From now on you will sign in to Confide with the address this link was sent to. Your other sessions will end."
    >
      <ConfirmEmailChangeForm token={token} />
    </CardPage>
  );
}
