import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";

// The one shape of a CSV import: `preview` checks the file and writes nothing; `commit` imports
// every row or none (422 with the problems when there are any).

export interface CsvImport {
  preview: (actor: Actor, text: string) => Promise<unknown>;
  commit: (actor: Actor, text: string, context: AuditContext) => Promise<{ ok: boolean }>;
}

export type CsvImportMode = "preview" | "commit";

export function csvImportMode(value: string | null): CsvImportMode {
  if (value !== "preview" && value !== "commit") throw new AppError("bad_mode", "mode must be preview or commit.", 400);
  return value;
}

/** Runs one import step: the answer's body and status. */
export async function runCsvImport({ preview, commit }: CsvImport, mode: CsvImportMode, actor: Actor, text: string, context: AuditContext): Promise<{ body: unknown; status: number }> {
  if (mode === "preview") return { body: await preview(actor, text), status: 200 };
  const result = await commit(actor, text, context);
  return { body: result, status: result.ok ? 200 : 422 };
}
