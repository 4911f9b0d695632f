import "server-only";
import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { PortalClient } from "@/lib/portal/session";

/** A fresh export link for the client's own ready export (the token is only ever in this URL). */
export async function exportLink(portal: PortalClient, exportId: string) {
  const row = await db().dataExport.findUnique({ where: { id: exportId } });
  if (!row || row.clientId !== portal.clientId || row.downloadedAt || row.expiresAt <= new Date()) throw notFound("That download");
  const token = newSecretToken();
  await db().dataExport.update({ where: { id: row.id }, data: { tokenHash: new Uint8Array(hashToken(token)) } });
  return token;
}
