"use client";

import { useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { isApiError, upload } from "./upload";

// One CSV import, whatever it imports: choose a file, "Check the file" (preview: counts, or the
// problems by row and column), then import all or nothing. The wrappers say what the rows are.

export interface CsvProblem {
  row: number;
  column: string | null;
  message: string;
}
export interface CsvPreview {
  rows: number;
  valid: number;
  errors: CsvProblem[];
}
export type CsvCommit<D> = ({ ok: true } & D) | { ok: false; rows: number; errors: CsvProblem[] };

interface Props<P extends CsvPreview, D> {
  /** The route handler, e.g. /api/import/clients. */
  endpoint: string;
  inputId: string;
  /** The file input's label: distinct for each import on the page. */
  label: string;
  /** What a clean file will do, and the import button's words. */
  ready: (preview: P) => { summary: ReactNode; button: string };
  done: (result: D) => ReactNode;
}

const columnName = (c: string | null) => c ?? "(whole row)";

export function CsvImport<P extends CsvPreview, D>({ endpoint, inputId, label, ready, done }: Props<P, D>) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ step: "choose" } | { step: "checked"; preview: P | CsvPreview } | { step: "done"; result: D }>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"checking" | "importing" | null>(null);

  async function check() {
    if (!file) return setError("Choose a CSV file first.");
    setBusy("checking");
    setError(null);
    const { body } = await upload<P>(`${endpoint}?mode=preview`, file, "text/csv");
    setBusy(null);
    if (isApiError(body)) return setError(body.error.message);
    setState({ step: "checked", preview: body });
  }

  async function commit() {
    if (!file) return;
    setBusy("importing");
    setError(null);
    const { body } = await upload<CsvCommit<D>>(`${endpoint}?mode=commit`, file, "text/csv");
    setBusy(null);
    if (isApiError(body)) return setError(body.error.message);
    if (!body.ok) return setState({ step: "checked", preview: { rows: body.rows, valid: 0, errors: body.errors } });
    setState({ step: "done", result: body });
    setFile(null);
    if (input.current) input.current.value = "";
  }

  const preview = state.step === "checked" ? state.preview : null;
  const clean = preview && preview.errors.length === 0 ? ready(preview as P) : null;
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
          <label htmlFor={inputId} className="block text-sm font-medium text-ink">{label}</label>
          <input
            ref={input}
            id={inputId}
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
          ) : clean ? (
            <div className="space-y-3 rounded-md border border-brand-200 bg-brand-50 p-4 text-sm">
              <p>{clean.summary}</p>
              <Button onClick={() => void commit()} disabled={busy !== null}>
                {busy === "importing" ? "Importing…" : clean.button}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}

      {state.step === "done" ? (
        <div role="status" className="rounded-md border border-brand-200 bg-brand-50 p-4 text-sm">
          {done(state.result)}
        </div>
      ) : null}
    </div>
  );
}
