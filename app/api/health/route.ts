import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/entry/route";
import { healthReport } from "@/lib/health/report";

export const dynamic = "force-dynamic";

/** 200 while the app can serve (status ok, amber or red: see lib/health/report.ts); 503 when it cannot. */
export const GET = publicRoute({}, async () => {
  const health = await healthReport();
  return NextResponse.json({ ...health, time: new Date().toISOString() }, { status: health.status === "unavailable" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});
