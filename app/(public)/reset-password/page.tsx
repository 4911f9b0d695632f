import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import { RequestResetForm } from "./forms";

export const metadata: Metadata = { title: "Reset your password" };

export default function ResetPasswordPage() {
  return (
    <CardPage title="Reset your password" description="We will email you a link to choose a new one. Your second factor stays as it is.">
      <RequestResetForm />
    </CardPage>
  );
}
