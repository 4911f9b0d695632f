"use client";

import Link from "next/link";
import type { Route } from "next";
import type { AppointmentImportPreview } from "@/lib/transfer/import-appointments";
import { CsvImport } from "./csv-import";

const n = (x: number) => x.toLocaleString("en-GB");

export function AppointmentCsvImport() {
  return (
    <CsvImport<AppointmentImportPreview, { imported: number; from?: string | null }>
      endpoint="/api/import/appointments"
      inputId="appointment-csv"
      label="Appointments CSV file"
      ready={(p) => ({
        summary: `All ${n(p.valid)} rows are ready: ${n(p.valid)} ${p.valid === 1 ? "appointment" : "appointments"} for ${n(p.clients)} ${p.clients === 1 ? "client" : "clients"} with ${n(p.clinicians)} ${p.clinicians === 1 ? "clinician" : "clinicians"}${p.from ? `, from ${p.from} to ${p.to}` : ""}.`,
        button: `Import ${n(p.valid)} ${p.valid === 1 ? "appointment" : "appointments"}`,
      })}
      done={(r) => (
        <>
          Imported {n(r.imported)} {r.imported === 1 ? "appointment" : "appointments"}.{" "}
          <Link href={(r.from ? `/schedule?view=week&date=${r.from}` : "/schedule") as Route} className="font-semibold text-brand-700 underline">See them in the schedule</Link>.
        </>
      )}
    />
  );
}
