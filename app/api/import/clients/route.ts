import { json } from "@/lib/entry/respond";
import { memberRoute } from "@/lib/entry/route";
import { readUpload } from "@/lib/http/upload";
import { MAX_IMPORT_BYTES } from "@/lib/transfer/csv-file";
import { csvImportMode, runCsvImport } from "@/lib/transfer/csv-import";
import { commitClientImport, previewClientImport } from "@/lib/transfer/import-clients";

export const dynamic = "force-dynamic";

const steps = { preview: previewClientImport, commit: commitClientImport };

/** Clients from a CSV file: `?mode=preview` checks, `?mode=commit` imports all or none. Errors name row and column, never values. Body: the CSV file itself (text/csv). */
export const POST = memberRoute({}, async ({ actor, audit, request }) => {
  const mode = csvImportMode(request.nextUrl.searchParams.get("mode"));
  const text = new TextDecoder("utf-8").decode(await readUpload(request, "csv", MAX_IMPORT_BYTES));
  const { body, status } = await runCsvImport(steps, mode, actor, text, audit);
  return json(body, status);
});
