"use client";

import Link from "next/link";
import type { ClientImportPreview } from "@/lib/transfer/import-clients";
import { CsvImport } from "./csv-import";

const n = (x: number) => x.toLocaleString("en-GB");

export function ClientCsvImport() {
  return (
    <CsvImport<ClientImportPreview, { imported: number; withIdentity: number }>
      endpoint="/api/import/clients"
      inputId="client-csv"
      label="CSV file"
      ready={(p) => ({
        summary: `All ${n(p.valid)} rows are ready: ${n(p.valid)} new clients, ${n(p.withIdentity)} with identity details for the vault.`,
        button: `Import ${n(p.valid)} ${p.valid === 1 ? "client" : "clients"}`,
      })}
      done={(r) => (
        <>
          Imported {n(r.imported)} {r.imported === 1 ? "client" : "clients"} ({n(r.withIdentity)} with identity details).{" "}
          <Link href="/clients" className="font-semibold text-brand-700 underline">See them in Clients</Link>.
        </>
      )}
    />
  );
}
