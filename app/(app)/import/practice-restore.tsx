"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { PracticeImportResult } from "@/lib/transfer/import-practice";
import { isApiError, upload } from "./upload";

export function PracticeRestore() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<Record<string, number> | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore() {
    if (!file) return setError("Choose the export's .zip file first.");
    setBusy(true);
    setError(null);
    setProblems([]);
    const { body } = await upload<PracticeImportResult>("/api/import/practice", file, "application/zip");
    setBusy(false);
    if (isApiError(body)) return setError(body.error.message);
    if (!body.ok) return setProblems(body.problems);
    setDone(body.counts);
  }

  if (done) {
    return (
      <div role="status" className="rounded-md border border-brand-200 bg-brand-50 p-4 text-sm">
        Restored {done.clients ?? 0} clients, {done.notes ?? 0} notes ({done.note_versions ?? 0} versions, {done.note_addenda ?? 0} addenda), {done.identities ?? 0} identities,{" "}
        {done.reflections ?? 0} reflections and {done.data_requests ?? 0} requests.
      </div>
    );
  }
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void restore();
      }}
    >
      <FormError message={error} />
      {problems.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-semibold">Nothing was restored:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div>
        <label htmlFor="practice-zip" className="block text-sm font-medium text-ink">Practice export (.zip)</label>
        <input
          id="practice-zip"
          type="file"
          accept=".zip,application/zip"
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="submit" disabled={!file || busy}>{busy ? "Restoring…" : "Restore this practice"}</Button>
    </form>
  );
}
