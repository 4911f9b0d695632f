import type { Metadata } from "next";
import Link from "next/link";
import { checkResetLink } from "@/lib/auth/email-links";
import { NewPasswordForm } from "../forms";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function NewPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = await checkResetLink(token);
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        {valid ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
            <p className="mt-1 text-sm text-muted">Saving it signs you out everywhere.</p>
            <NewPasswordForm token={token} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
            <p className="mt-2 text-muted">It has expired or has already been used.</p>
            <Link href="/reset-password" className="mt-4 inline-block font-medium text-brand-700 underline">Ask for a new link</Link>
          </>
        )}
      </div>
    </div>
  );
}
