import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/entry/route";
import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

export const GET = publicRoute({}, async () => {
  const health = await checkHealth();
  return NextResponse.json({ ...health, time: new Date().toISOString() }, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
