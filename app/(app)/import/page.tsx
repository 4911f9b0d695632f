import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current";
import { isSteppedUp, stepUpPath } from "@/lib/auth/step-up";
import { isClinician } from "@/lib/clients/access";
import { CLIENT_CSV_COLUMNS, MAX_IMPORT_ROWS } from "@/lib/transfer/client-csv";
import { ClientCsvImport } from "./client-csv-import";
import { PracticeRestore } from "./practice-restore";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const actor = await requireActor();
  if (!isClinician(actor)) redirect("/clients");
  const owner = actor.role === "OWNER";
  return (
    <>
      <PageHeader
        title="Import"
        description="Bring clients in from a spreadsheet, or restore a whole practice exported from Confide. Imports are all or nothing: if any row has a problem, nothing is added."
      />
      <section aria-labelledby="csv-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="csv-heading" className="text-lg font-semibold">Import clients from a CSV file</h2>
        <div className="space-y-2 text-sm text-ink">
          <p>
            Save your spreadsheet as CSV (UTF-8, comma-separated), up to {MAX_IMPORT_ROWS.toLocaleString("en-GB")} clients and 20 MB. The first row names the
            columns, in any order:
          </p>
          <p>
            <code className="break-words rounded bg-slate-100 px-1.5 py-0.5 text-xs">{CLIENT_CSV_COLUMNS.join(",")}</code>
          </p>
          <ul className="list-disc space-y-1 pl-5 text-muted">
            <li>Each client gets a new random code. Names and contact details go to the identity vault, never into the clinical record.</li>
            <li>The label is a working label (like &ldquo;Tuesday 10am&rdquo;): it must not identify anyone. Dates of birth are YYYY-MM-DD.</li>
            <li>
              {owner
                ? "clinician_email assigns the client to that owner or therapist; leave it empty to assign them to you."
                : "Clients are added to your own caseload: leave clinician_email empty or use your own email."}
            </li>
          </ul>
        </div>
        <ClientCsvImport />
      </section>
      {owner ? (
        <section aria-labelledby="restore-heading" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="restore-heading" className="text-lg font-semibold">Restore a practice export</h2>
          <p className="text-sm text-ink">
            Moving from another Confide? Upload its practice export (the .zip from <Link href="/export" className="font-medium text-brand-700 underline">Export</Link>)
            into this practice while it has no clients yet. Invite every member of the old practice first: they are matched by email. Codes, notes with their
            versions, addenda and signatures, reflections and requests are restored exactly. The old audit trail stays in the archive; here the restore is recorded as
            one event.
          </p>
          {isSteppedUp(actor) ? (
            <PracticeRestore />
          ) : (
            <p className="text-sm">
              For your security, <Link href={stepUpPath("/import#restore-heading")} className="font-semibold text-brand-700 underline">confirm it is you</Link> before restoring a practice.
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
