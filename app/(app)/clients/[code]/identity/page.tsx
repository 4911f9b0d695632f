import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { requireStepUp } from "@/lib/entry/step-up";
import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { orNotFound } from "@/lib/entry/page";
import { identityForEditing } from "@/lib/clients/reveal";
import { IdentityForm } from "./identity-form";

export const metadata: Metadata = { title: "Client identity" };

export default async function IdentityPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requireActor();
  const raw = decodeURIComponent((await params).code);
  // Editing shows the current identity, so it is a reveal: step-up first, and recorded.
  requireStepUp(actor, `/clients/${encodeURIComponent(raw)}/identity`);
  const { client, identity } = await orNotFound((context) => identityForEditing(actor, raw, context));
  const code = formatClientCode(parseClientCode(client.code)!);
  const current = Object.fromEntries(Object.entries(identity ?? {}).map(([k, v]) => [k, v ?? ""]));
  return (
    <>
      <PageHeader
        title={`Identity of ${code}`}
        description="Stored in the vault, encrypted under the identity key, apart from the notes. Opening this page was recorded."
        actions={<Link href={`/clients/${code}`} className="text-sm font-semibold text-brand-700 underline">Back to the client</Link>}
      />
      <IdentityForm code={code} current={current} />
    </>
  );
}
