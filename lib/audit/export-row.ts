import type { AuditEvent } from "@/lib/generated/prisma/client";

/** An audit event as the exports write it: plain strings, hashes in hex. */
export function auditExportRow(e: Omit<AuditEvent, "id" | "chainId" | "practiceId">) {
  return {
    seq: e.seq.toString(),
    occurredAt: e.occurredAt.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    requestId: e.requestId,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details,
    prevHash: Buffer.from(e.prevHash).toString("hex"),
    hash: Buffer.from(e.hash).toString("hex"),
  };
}
