import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import Link from "next/link";
import type { Route } from "next";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/http/return-path";
import { sessionState } from "@/lib/auth/current";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Two-factor check" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const state = await sessionState();
  const next = safeReturnPath((await searchParams).next);
  if (state.kind === "none") redirect("/sign-in");
  if (state.kind !== "second-factor") redirect(next as Route);
  return (
    <CardPage title="One more step" description="Your password was right. Now prove it is you with your second factor.">
      <VerifyForm next={next} />
      <p className="mt-6 text-sm text-muted">
        Lost your phone? Use one of your recovery codes. If you have none left, contact your practice owner.{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline">Start again</Link>
      </p>
    </CardPage>
  );
}
