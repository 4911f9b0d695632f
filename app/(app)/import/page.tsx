import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { stepUpPath } from "@/lib/entry/step-up";
import { isClinician } from "@/lib/clients/access";
import { APPOINTMENT_CSV_COLUMNS } from "@/lib/transfer/appointment-csv";
import { CLIENT_CSV_COLUMNS, MAX_IMPORT_ROWS } from "@/lib/transfer/client-csv";
import { MAX_UPLOAD_BYTES } from "@/lib/http/upload";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/csv-file";
import { ARCHIVE_LIMITS } from "@/lib/transfer/read-zip";
import { listAppointmentTypes } from "@/lib/schedule/types";
import { AppointmentCsvImport } from "./appointment-csv-import";
import { ClientCsvImport } from "./client-csv-import";
import { PracticeRestore } from "./practice-restore";

export const metadata: Metadata = { title: "Import" };

const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString("en-GB");

export default async function ImportPage() {
  const actor = await requireActor();
  if (!isClinician(actor)) redirect("/clients");
  const owner = actor.role === "OWNER";
  const types = (await listAppointmentTypes(actor.practiceId)).map((t) => t.name);
  return (
    <>
      <PageHeader
        title="Import"
        description="Bring clients and appointments in from a spreadsheet, or restore a whole practice exported from Confide. Imports are all or nothing: if any row has a problem, nothing is added."
      />
      <section aria-labelledby="csv-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="csv-heading" className="text-lg font-semibold">Import clients from a CSV file</h2>
        <div className="space-y-2 text-sm text-ink">
          <p>
            Save your spreadsheet as CSV (UTF-8, comma-separated), up to {MAX_IMPORT_ROWS.toLocaleString("en-GB")} clients and {MAX_IMPORT_BYTES / 1024 / 1024} MB. The first row names the
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
      <section aria-labelledby="appointments-heading" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="appointments-heading" className="text-lg font-semibold">Import appointments from a CSV file</h2>
        <div className="space-y-2 text-sm text-ink">
          <p>
            For clients already in Confide, up to {MAX_IMPORT_ROWS.toLocaleString("en-GB")} appointments and {MAX_IMPORT_BYTES / 1024 / 1024} MB a file. The first row names the columns, in any order;
            client_code, date, time and type are needed, the rest may be left out:
          </p>
          <p>
            <code className="break-words rounded bg-slate-100 px-1.5 py-0.5 text-xs">{APPOINTMENT_CSV_COLUMNS.join(",")}</code>
          </p>
          <ul className="list-disc space-y-1 pl-5 text-muted">
            <li>
              date is YYYY-MM-DD and time is HH:MM on the 24-hour clock, in the practice&rsquo;s time zone. type is one of your types: {types.join(", ")}.
            </li>
            <li>duration_minutes and fee (an amount such as 60 or 62.50, in the practice&rsquo;s currency) default to the type&rsquo;s usual length and fee. Give a room (one of the practice&rsquo;s rooms, kept under Schedule &gt; Rooms) or an online_link, not both.</li>
            <li>status is scheduled (the default), attended, cancelled by client, cancelled late, did not attend or cancelled by practice; payment is unpaid (the default), paid or waived.</li>
            <li>
              {owner
                ? "clinician_email is the owner or therapist the appointment is with (they must be assigned to the client); leave it empty for yourself."
                : "You can import your own appointments only: leave clinician_email empty or use your own email."}{" "}
              No appointment may overlap another of the same clinician or room, in the schedule or in the file.
            </li>
          </ul>
        </div>
        <AppointmentCsvImport />
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
          <p className="text-sm text-ink">
            The archive can be up to {mb(MAX_UPLOAD_BYTES)} MB. Unpacked, it may hold at most {ARCHIVE_LIMITS.entries} files, {mb(ARCHIVE_LIMITS.entryBytes)} MB a file
            and {mb(ARCHIVE_LIMITS.totalBytes)} MB in all, and no more than {ARCHIVE_LIMITS.ratio} times its own size (or {mb(ARCHIVE_LIMITS.ratioFloor)} MB, if that is
            more): a Confide export is well within these. A larger archive is refused before anything is restored.
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
