import type { Metadata } from "next";
import { CardPage } from "@/components/ui/card-page";
import Link from "next/link";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create a practice" };

export default function SignUpPage() {
  return (
    <CardPage title="Create a practice" description="You will be its owner, and can invite colleagues afterwards.">
      <SignUpForm />
      <p className="mt-6 text-sm text-muted">
        Already use Confide? <Link href="/sign-in" className="font-medium text-brand-700 underline">Sign in</Link>
      </p>
    </CardPage>
  );
}
