"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current";
import { verifyPracticeChain } from "@/lib/audit/review";
import { flash } from "@/lib/http/flash";

export async function verifyChainAction() {
  const actor = await requireActor();
  if (actor.role !== "OWNER") redirect("/audit");
  const result = await verifyPracticeChain(actor);
  await flash(
    result.ok
      ? `Audit trail intact: all ${result.verified.toLocaleString("en-GB")} events check out.`
      : `Audit trail broken at event ${result.broken!.seq}: ${result.broken!.reason}. Export a copy and contact your administrator.`,
  );
  redirect("/audit");
}
