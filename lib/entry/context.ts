import "server-only";
import { headers } from "next/headers";
import { auditContextFromHeaders } from "@/lib/audit/context";
import type { AuditContext } from "@/lib/audit/schema";

/** Request id, client IP and user agent of the current request, for audit events. */
export async function requestAuditContext(): Promise<AuditContext> {
  return auditContextFromHeaders(await headers());
}
