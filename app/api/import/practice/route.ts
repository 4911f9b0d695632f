import { NextResponse, type NextRequest } from "next/server";
import { requestAuditContext } from "@/lib/audit/context";
import { currentActor } from "@/lib/auth/current";
import { AppError, errorResponse } from "@/lib/http/errors";
import { readUpload } from "@/lib/http/upload";
import { importPractice } from "@/lib/transfer/import-practice";

export const dynamic = "force-dynamic";

/** Body: a practice export ZIP (Content-Type application/zip). Owner, after step-up. */
export async function POST(request: NextRequest) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again and upload the file once more.", 401);
    const bytes = await readUpload(request, "zip");
    const result = await importPractice(actor, bytes, await requestAuditContext());
    return NextResponse.json(result, { status: result.ok ? 200 : 422, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
