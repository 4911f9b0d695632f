import { NextResponse } from "next/server";
import { z } from "zod";
import { memberRoute } from "@/lib/entry/route";
import { exportXero } from "@/lib/invoices/export-xero";
import { month } from "@/lib/invoices/schema";

export const dynamic = "force-dynamic";

/** A month's invoices and credit notes as Xero's sales-invoice import CSV (client codes as contacts). */
export const GET = memberRoute({ query: z.object({ month }), roles: ["OWNER", "MANAGER"] }, async ({ actor, audit, query }) => {
  const { csv, filename } = await exportXero(actor, query.month, audit);
  return new NextResponse(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
});
