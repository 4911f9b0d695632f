import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import Link from "next/link";
import type { Route } from "next";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/http/return-path";
import { sessionState } from "@/lib/entry/caller";
import { pendingSecondFactors } from "@/lib/auth/second-factor";
import { PasskeyStep } from "./passkey-step";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Two-factor check" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const state = await sessionState();
  const next = safeReturnPath((await searchParams).next);
  if (state.kind === "none") redirect("/sign-in");
  if (state.kind !== "second-factor") redirect(next as Route);
  const factors = await pendingSecondFactors(state.sessionId);
  return (
    <CardPage
      title="One more step"
      description={
        factors.totp
          ? "Your password was right. Now prove it is you with your second factor."
          : "Your password was right. Now prove it is you with one of your passkeys."
      }
    >
      {factors.passkey ? <PasskeyStep primary={!factors.totp} next={next} /> : null}
      {factors.passkey && factors.totp ? (
        <p className="mt-6 text-center text-sm text-muted">or enter a code</p>
      ) : null}
      {factors.totp ? <VerifyForm next={next} /> : null}
      <p className="mt-6 text-sm text-muted">
        {factors.totp
          ? "Lost your phone? Use one of your recovery codes. If you have none left, contact your practice owner."
          : "Lost your device? Contact your practice owner."}{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline">Start again</Link>
      </p>
    </CardPage>
  );
}
