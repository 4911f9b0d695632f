import { NextResponse } from "next/server";
import { memberRoute } from "@/lib/entry/route";
import { exportPractice } from "@/lib/transfer/export-practice";

export const dynamic = "force-dynamic";

/**
 * The practice-wide export ZIP: owners only, after step-up (else a redirect to step up).
 * `?reason=` (a reason code from the Export page) is needed when it carries clients the owner is not assigned to.
 */
export const GET = memberRoute({ roles: ["OWNER"], stepUp: true }, async ({ actor, audit, request }) => {
  const { zip, filename } = await exportPractice(actor, { reason: request.nextUrl.searchParams.get("reason") ?? undefined }, audit);
  return new NextResponse(Buffer.from(zip), {
    headers: { "Cache-Control": "no-store", "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${filename}"` },
  });
});
