import { NextResponse, type NextRequest } from "next/server";
import { requestAuditContext } from "@/lib/audit/context";
import { currentActor } from "@/lib/auth/current";
import { AppError, errorResponse } from "@/lib/http/errors";
import { saveDraft } from "@/lib/notes/save-draft";

export const dynamic = "force-dynamic";

/** Autosave: { baseRevision, sections } → 200 { revision, savedAt, wordCount } or 409 { conflict }. */
export async function PUT(request: NextRequest, { params }: { params: Promise<{ code: string; id: string }> }) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again; your text is kept on this device.", 401);
    const { code, id } = await params;
    const body: unknown = await request.json().catch(() => {
      throw new AppError("invalid_json", "The note could not be read from the request.", 400);
    });
    const result = await saveDraft(actor, decodeURIComponent(code), id, body, await requestAuditContext());
    if (!result.ok) {
      return NextResponse.json(
        { error: { code: "conflict", message: "This note was changed elsewhere since you opened it." }, conflict: result.conflict },
        { status: 409, headers: { "Cache-Control": "no-store" } },
      );
    }
    return NextResponse.json({ revision: result.revision, savedAt: result.savedAt, wordCount: result.wordCount }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
