import { NextResponse } from "next/server";
import { auditContextFromHeaders } from "@/lib/audit/context";
import { errorResponse } from "@/lib/http/errors";
import { requirePortalClient } from "@/lib/portal/session";
import { takeExport } from "@/lib/requests/access-copy";

export const dynamic = "force-dynamic";

/** The client's copy of their data, as stored at fulfilment: single use, expiring, and only with their portal session. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const portal = await requirePortalClient();
    const zip = await takeExport(portal, (await params).token, auditContextFromHeaders(request.headers));
    return new NextResponse(Buffer.from(zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
