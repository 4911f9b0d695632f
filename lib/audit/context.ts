import "server-only";
import { headers } from "next/headers";
import type { AuditContext } from "./schema";

/** Request id, client IP and user agent of the current request, for audit events. */
export async function requestAuditContext(): Promise<AuditContext> {
  return auditContextFromHeaders(await headers());
}

export function auditContextFromHeaders(h: { get(name: string): string | null }): AuditContext {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: h.get("x-request-id")?.slice(0, 64) ?? null,
    ip: (forwarded || h.get("x-real-ip"))?.slice(0, 64) ?? null,
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}
