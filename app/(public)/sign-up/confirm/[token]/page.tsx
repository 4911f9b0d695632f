import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import { ConfirmForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm your practice" };

// A button, not an automatic action: mail scanners open links, and must not create practices.
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <CardPage title="Confirm your email" description="One click and your practice is ready.">
      <ConfirmForm token={token} />
    </CardPage>
  );
}
