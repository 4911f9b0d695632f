import { NextResponse, type NextRequest } from "next/server";
import { requestAuditContext } from "@/lib/audit/context";
import { currentActor } from "@/lib/auth/current";
import { stepUpResponse } from "@/lib/auth/step-up";
import { AppError, errorResponse, forbidden } from "@/lib/http/errors";
import { exportPractice } from "@/lib/transfer/export-practice";

export const dynamic = "force-dynamic";

/**
 * The practice-wide export ZIP: owners only, after step-up (else a redirect to step up).
 * `?reason=` (a reason code from the Export page) is needed when it carries clients the owner is not assigned to.
 */
export async function GET(request: NextRequest) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    if (actor.role !== "OWNER") throw forbidden();
    const stepUpFirst = stepUpResponse(actor, request.nextUrl);
    if (stepUpFirst) return stepUpFirst;
    const { zip, filename } = await exportPractice(actor, { reason: request.nextUrl.searchParams.get("reason") ?? undefined }, await requestAuditContext());
    return new NextResponse(Buffer.from(zip), {
      headers: { "Cache-Control": "no-store", "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${filename}"` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
