import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { requestAuditContext } from "@/lib/audit/context";
import type { AuditContext } from "@/lib/audit/schema";
import { currentActor, type Actor } from "@/lib/auth/current";
import { AppError, errorResponse } from "@/lib/http/errors";
import { readUpload } from "@/lib/http/upload";
import { MAX_IMPORT_BYTES } from "./csv-file";

// The one shape of a CSV import route handler. Body: the CSV file itself (Content-Type
// text/csv). `?mode=preview` checks it and writes nothing; `?mode=commit` imports every row or
// none (422 with the problems when there are any).

interface CsvImport {
  preview: (actor: Actor, text: string) => Promise<unknown>;
  commit: (actor: Actor, text: string, context: AuditContext) => Promise<{ ok: boolean }>;
}

export function csvImportHandler({ preview, commit }: CsvImport) {
  return async function POST(request: NextRequest) {
    try {
      const actor = await currentActor();
      if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again and upload the file once more.", 401);
      const mode = request.nextUrl.searchParams.get("mode");
      if (mode !== "preview" && mode !== "commit") throw new AppError("bad_mode", "mode must be preview or commit.", 400);
      const text = new TextDecoder("utf-8").decode(await readUpload(request, "csv", MAX_IMPORT_BYTES));
      const headers = { "Cache-Control": "no-store" };
      if (mode === "preview") return NextResponse.json(await preview(actor, text), { headers });
      const result = await commit(actor, text, await requestAuditContext());
      return NextResponse.json(result, { status: result.ok ? 200 : 422, headers });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
