import { NextResponse } from "next/server";
import { z } from "zod";
import { recordAuditRead } from "@/lib/audit/review";
import { memberRoute } from "@/lib/entry/route";
import { practiceTimeZone } from "@/lib/schedule/access";
import { billingSummary } from "@/lib/schedule/billing";
import { billingCsv } from "@/lib/schedule/billing-csv";
import { monthSchema } from "@/lib/schedule/schema";

export const dynamic = "force-dynamic";

/** A month's billing summary as CSV (who may see which clinicians: lib/schedule/billing.ts). */
export const GET = memberRoute({ query: z.object({ month: monthSchema }) }, async ({ actor, audit, query: { month } }) => {
  const summary = await billingSummary(actor, month, await practiceTimeZone(actor.practiceId));
  await recordAuditRead(actor, "billing.exported", { month, clinicians: summary.lines.length }, audit);
  return new NextResponse(billingCsv(summary), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="confide-billing-${month}.csv"`,
      "cache-control": "no-store",
    },
  });
});
