import { NextResponse } from "next/server";
import { z } from "zod";
import { auditExportRow } from "@/lib/audit/export-row";
import { auditFilterSchema, exportAuditEvents } from "@/lib/audit/query";
import { recordAuditRead } from "@/lib/audit/review";
import { csvFromRecords } from "@/lib/csv/csv";
import { memberRoute } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

const exportSchema = auditFilterSchema.extend({ format: z.enum(["csv", "json"], { message: "format must be csv or json" }) });

/** The practice's audit trail as CSV or JSON, filtered as on the Audit page; after step-up. */
export const GET = memberRoute({ stepUp: true, query: exportSchema }, async ({ actor, audit, query: filters }) => {
  const events = await exportAuditEvents(actor, filters);
  await recordAuditRead(actor, "audit.exported", { format: filters.format, count: events.length }, audit);

  const rows = events.map(auditExportRow);
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = { "Cache-Control": "no-store" };
  if (filters.format === "json") {
    return new NextResponse(JSON.stringify({ practiceId: actor.practiceId, exportedAt: new Date().toISOString(), events: rows }, null, 2), {
      headers: { ...headers, "Content-Type": "application/json", "Content-Disposition": `attachment; filename="audit-trail-${stamp}.json"` },
    });
  }
  return new NextResponse(csvFromRecords(rows), {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audit-trail-${stamp}.csv"` },
  });
});
