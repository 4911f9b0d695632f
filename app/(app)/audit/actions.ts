"use server";

import { verifyPracticeChain } from "@/lib/audit/review";
import { memberAction } from "@/lib/entry/action";

/** Owners check that their practice's chain is intact; the check itself is recorded. */
export const verifyChainAction = memberAction({ roles: ["OWNER"], back: () => "/audit" }, async ({ actor, audit }) => {
  const result = await verifyPracticeChain(actor, audit);
  return result.ok
    ? `Audit trail intact: all ${result.verified.toLocaleString("en-GB")} events check out.`
    : `Audit trail broken at event ${result.broken!.seq}: ${result.broken!.reason}. Export a copy and contact your administrator.`;
});
