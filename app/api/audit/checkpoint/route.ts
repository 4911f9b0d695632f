import { NextResponse } from "next/server";
import { exportPracticeCheckpoint } from "@/lib/audit/review";
import { currentActor } from "@/lib/auth/current";
import { AppError, errorResponse, forbidden } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Please sign in.", 401);
    if (actor.role !== "OWNER") throw forbidden();
    const result = await exportPracticeCheckpoint(actor);
    if (!result.ok) {
      throw new AppError("chain_broken", `The audit trail is broken at event ${result.broken.seq}; no checkpoint was made.`, 409);
    }
    return new NextResponse(JSON.stringify(result.checkpoint, null, 2), {
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "Content-Disposition": `attachment; filename="audit-checkpoint-${result.checkpoint.createdAt.slice(0, 10)}.json"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
