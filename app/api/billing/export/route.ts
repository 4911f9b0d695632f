import { NextResponse, type NextRequest } from "next/server";
import { recordAuditRead } from "@/lib/audit/review";
import { currentActor } from "@/lib/auth/current";
import { AppError, errorResponse } from "@/lib/http/errors";
import { practiceTimeZone } from "@/lib/schedule/access";
import { billingSummary } from "@/lib/schedule/billing";
import { billingCsv } from "@/lib/schedule/billing-csv";
import { monthSchema } from "@/lib/schedule/schema";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    const month = monthSchema.parse(request.nextUrl.searchParams.get("month"));
    const summary = await billingSummary(actor, month, await practiceTimeZone(actor.practiceId));
    await recordAuditRead(actor, "billing.exported", { month, clinicians: summary.lines.length });
    return new NextResponse(billingCsv(summary), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="confide-billing-${month}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
