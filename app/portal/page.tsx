import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { practicePausedMessage } from "@/lib/platform/active";
import { portalSessionState } from "@/lib/entry/caller";
import { PortalSignInForm } from "./forms";

export const metadata: Metadata = { title: "Sign in" };

export default async function PortalSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const state = await portalSessionState();
  if (state.kind === "client") redirect(state.client.mustChangePin ? "/portal/pin" : "/portal/home");
  // A session of a suspended practice lands here from every portal page: say why, not "signed out".
  const paused = state.kind === "paused" ? state.practiceName : null;
  const params = await searchParams;
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to your portal</h1>
      <p className="mt-1 text-muted">Use the code and PIN your therapist gave you. You do not need an email address.</p>
      {params["signed-out"] ? <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">You have signed out.</p> : null}
      {paused ? <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">{practicePausedMessage(paused)}</p> : null}
      {params.ended && !paused ? <p role="status" className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm">You were signed out after 10 minutes without activity. Please sign in again.</p> : null}
      <PortalSignInForm />
      <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
        <h2 className="font-semibold">Forgotten your PIN?</h2>
        <p className="mt-1 text-muted">
          Ask your therapist or the practice for a new one. They can give you a new first-time PIN (your old one then stops working), and you choose your own PIN again when you sign in.
          The practice will never ask you to tell them your PIN.
        </p>
      </div>
    </div>
  );
}
