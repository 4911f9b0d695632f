import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { auditExportRow } from "@/lib/audit/export-row";
import { auditFilterSchema, exportAuditEvents } from "@/lib/audit/query";
import { recordAuditRead } from "@/lib/audit/review";
import { csvFromRecords } from "@/lib/csv/csv";
import { currentActor } from "@/lib/auth/current";
import { stepUpResponse } from "@/lib/auth/step-up";
import { AppError, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const exportSchema = auditFilterSchema.extend({ format: z.enum(["csv", "json"], { message: "format must be csv or json" }) });

export async function GET(request: NextRequest) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    const filters = exportSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
    const stepUpFirst = stepUpResponse(actor, request.nextUrl);
    if (stepUpFirst) return stepUpFirst;
    const events = await exportAuditEvents(actor, filters);
    await recordAuditRead(actor, "audit.exported", { format: filters.format, count: events.length });

    const rows = events.map(auditExportRow);
    const stamp = new Date().toISOString().slice(0, 10);
    const headers = { "Cache-Control": "no-store" };
    if (filters.format === "json") {
      return new NextResponse(JSON.stringify({ practiceId: actor.practiceId, exportedAt: new Date().toISOString(), events: rows }, null, 2), {
        headers: { ...headers, "Content-Type": "application/json", "Content-Disposition": `attachment; filename="audit-trail-${stamp}.json"` },
      });
    }
    const csv = csvFromRecords(rows);
    return new NextResponse(csv, {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audit-trail-${stamp}.csv"` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
