import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CardPage } from "@/components/ui/card-page";
import { db } from "@/lib/db/client";
import { REQUEST_KINDS } from "@/lib/requests/requests";
import { PublicRequestForm } from "./request-form";

export const metadata: Metadata = { title: "Ask about your data" };

/** The practice's public request page, for people without portal access. */
export default async function PublicRequestPage({ params }: { params: Promise<{ practiceId: string }> }) {
  const { practiceId } = await params;
  if (!z.uuid().safeParse(practiceId).success) notFound();
  const practice = await db().practice.findUnique({ where: { id: practiceId }, select: { name: true } });
  if (!practice) notFound();
  return (
    <CardPage title={`Ask ${practice.name} about your data`} description="You can ask for a copy of your data, ask for it to be corrected or deleted, or object to how it is used. You do not need an account.">
      <PublicRequestForm practiceId={practiceId} kinds={Object.entries(REQUEST_KINDS).map(([k, v]) => [k, v.title])} />
    </CardPage>
  );
}
