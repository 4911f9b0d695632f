import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { roleLabel } from "@/lib/practice/roles";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.displayName}`}
        description={`You are signed in to ${actor.practiceName} as ${roleLabel(actor.role).toLowerCase()}.`}
      />
      <section aria-labelledby="caseload-heading" className="space-y-3">
        <h2 id="caseload-heading" className="text-lg font-semibold">
          Today
        </h2>
        <EmptyState title="Nothing scheduled yet">
          Your appointments and unsigned notes will appear here, listed by client code.
        </EmptyState>
      </section>
    </>
  );
}
