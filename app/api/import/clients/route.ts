import { csvImportHandler } from "@/lib/transfer/csv-route";
import { commitClientImport, previewClientImport } from "@/lib/transfer/import-clients";

export const dynamic = "force-dynamic";

/** Clients from a CSV file: `?mode=preview` checks, `?mode=commit` imports all or none. Errors name row and column, never values. */
export const POST = csvImportHandler({ preview: previewClientImport, commit: commitClientImport });
