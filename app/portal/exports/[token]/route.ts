import { NextResponse } from "next/server";
import { portalRoute } from "@/lib/entry/route";
import { takeExport } from "@/lib/requests/access-copy";

export const dynamic = "force-dynamic";

/** The client's copy of their data, as stored at fulfilment: single use, expiring, and only with their portal session. */
export const GET = portalRoute<{ token: string }>({}, async ({ client, params, audit }) => {
  const zip = await takeExport(client, params.token, audit);
  return new NextResponse(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`,
      "Cache-Control": "no-store",
    },
  });
});
