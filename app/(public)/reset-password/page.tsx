import type { Metadata } from "next";
import { RequestResetForm } from "./forms";

export const metadata: Metadata = { title: "Reset your password" };

export default function ResetPasswordPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
        <p className="mt-1 text-sm text-muted">We will email you a link to choose a new one. Your second factor stays as it is.</p>
        <RequestResetForm />
      </div>
    </div>
  );
}
