import { NextResponse } from "next/server";
import { exportPracticeCheckpoint } from "@/lib/audit/review";
import { memberRoute } from "@/lib/entry/route";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** A signed checkpoint of the practice's chain head (owners), after verifying the chain. */
export const GET = memberRoute({ roles: ["OWNER"] }, async ({ actor, audit }) => {
  const result = await exportPracticeCheckpoint(actor, audit);
  if (!result.ok) throw new AppError("chain_broken", `The audit trail is broken at event ${result.broken.seq}; no checkpoint was made.`, 409);
  return new NextResponse(JSON.stringify(result.checkpoint, null, 2), {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="audit-checkpoint-${result.checkpoint.createdAt.slice(0, 10)}.json"`,
    },
  });
});
