import { config } from "@/lib/config";
import { clientIpFrom } from "./client-ip";
import { peerAddressFrom } from "./peer-address";
import type { AuditContext } from "./schema";

/** Request id, client IP and user agent from a request's headers, for audit events. */
export function auditContextFromHeaders(h: { get(name: string): string | null }): AuditContext {
  return {
    requestId: h.get("x-request-id")?.slice(0, 64) ?? null,
    ip: clientIpFrom(h.get("x-forwarded-for"), peerAddressFrom(h), config().TRUSTED_PROXY_HOPS),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}
