"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ClientImportPreview, ClientImportResult } from "@/lib/transfer/import-clients";
import { isApiError, upload } from "./upload";

type State =
  | { step: "choose" }
  | { step: "checked"; preview: ClientImportPreview }
  | { step: "done"; imported: number; withIdentity: number };

const columnName = (c: string | null) => c ?? "(whole row)";

export function ClientCsvImport() {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"checking" | "importing" | null>(null);

  async function check() {
    if (!file) return setError("Choose a CSV file first.");
    setBusy("checking");
    setError(null);
    const { body } = await upload<ClientImportPreview>("/api/import/clients?mode=preview", file, "text/csv");
    setBusy(null);
    if (isApiError(body)) return setError(body.error.message);
    setState({ step: "checked", preview: body });
  }

  async function commit() {
    if (!file) return;
    setBusy("importing");
    setError(null);
    const { body } = await upload<ClientImportResult>("/api/import/clients?mode=commit", file, "text/csv");
    setBusy(null);
    if (isApiError(body)) return setError(body.error.message);
    if (!body.ok) return setState({ step: "checked", preview: { rows: body.rows, valid: 0, withIdentity: 0, errors: body.errors } });
    setState({ step: "done", imported: body.imported, withIdentity: body.withIdentity });
    setFile(null);
    if (input.current) input.current.value = "";
  }

  const preview = state.step === "checked" ? state.preview : null;
  return (
    <div className="space-y-4">
      <FormError message={error} />
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div>
          <label htmlFor="client-csv" className="block text-sm font-medium text-ink">CSV file</label>
          <input
            ref={input}
            id="client-csv"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ step: "choose" });
              setError(null);
            }}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={!file || busy !== null}>{busy === "checking" ? "Checking…" : "Check the file"}</Button>
      </form>

      {preview ? (
        <div aria-live="polite" className="space-y-3">
          {preview.errors.length > 0 ? (
            <>
              <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {preview.errors.length === 1 ? "1 problem" : `${preview.errors.length} problems`} found in a file of {preview.rows.toLocaleString("en-GB")}{" "}
                {preview.rows === 1 ? "row" : "rows"}. Nothing has been imported. Fix the rows below in your spreadsheet, save it as CSV again, choose it and check
                it again.
              </div>
              <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Problems in the file</caption>
                  <thead className="sticky top-0 bg-slate-50 text-muted">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">Row</th>
                      <th scope="col" className="px-4 py-2 font-medium">Column</th>
                      <th scope="col" className="px-4 py-2 font-medium">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.slice(0, 500).map((e, i) => (
                      <tr key={i} className="border-t border-slate-100">
                        <td className="px-4 py-2 tabular-nums">{e.row}</td>
                        <td className="px-4 py-2"><code className="text-xs">{columnName(e.column)}</code></td>
                        <td className="px-4 py-2">{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.errors.length > 500 ? <p className="text-sm text-muted">Showing the first 500 problems.</p> : null}
            </>
          ) : (
            <div className="space-y-3 rounded-md border border-brand-200 bg-brand-50 p-4 text-sm">
              <p>
                All {preview.valid.toLocaleString("en-GB")} rows are ready: {preview.valid.toLocaleString("en-GB")} new clients, {preview.withIdentity.toLocaleString("en-GB")} with
                identity details for the vault.
              </p>
              <Button onClick={() => void commit()} disabled={busy !== null}>
                {busy === "importing" ? "Importing…" : `Import ${preview.valid.toLocaleString("en-GB")} ${preview.valid === 1 ? "client" : "clients"}`}
              </Button>
            </div>
          )}
        </div>
      ) : null}

      {state.step === "done" ? (
        <div role="status" className="rounded-md border border-brand-200 bg-brand-50 p-4 text-sm">
          Imported {state.imported.toLocaleString("en-GB")} {state.imported === 1 ? "client" : "clients"} ({state.withIdentity.toLocaleString("en-GB")} with identity details).{" "}
          <Link href="/clients" className="font-semibold text-brand-700 underline">See them in Clients</Link>.
        </div>
      ) : null}
    </div>
  );
}
