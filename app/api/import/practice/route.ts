import { json } from "@/lib/entry/respond";
import { memberRoute } from "@/lib/entry/route";
import { readUpload } from "@/lib/http/upload";
import { importPractice } from "@/lib/transfer/import-practice";

export const dynamic = "force-dynamic";

/** Body: a practice export ZIP (Content-Type application/zip). Owner, after step-up. */
export const POST = memberRoute({ roles: ["OWNER"], stepUp: true }, async ({ actor, audit, request }) => {
  const result = await importPractice(actor, await readUpload(request, "zip"), audit);
  return json(result, result.ok ? 200 : 422);
});
