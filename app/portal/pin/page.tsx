import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPortalClient } from "@/lib/entry/caller";
import { NewPinForm } from "../forms";

export const metadata: Metadata = { title: "Choose your PIN" };

export default async function NewPinPage() {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">Choose your own PIN</h1>
      <p className="mt-1 text-muted">
        {portal.mustChangePin
          ? "The PIN on your card was for the first time only. Choose a new one that only you know. Your therapist will not be able to see it."
          : "Choose a new PIN. Your therapist cannot see it."}
      </p>
      <NewPinForm />
    </div>
  );
}
