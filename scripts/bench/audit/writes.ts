// Writes: concurrent writers through the real recordAudit.
import { randomUUID } from "node:crypto";
import { recordAudit } from "../../../lib/audit/record";
import type { AuditEventInput } from "../../../lib/audit/schema";
import type { createPrismaClient } from "../../../lib/db/prisma";
import { percentile } from "./measure";
import { EVENTS_PER_WRITER, WRITERS } from "./options";
import { USER_AGENTS, type Practice } from "./trail-data";

export interface WriteResult { label: string; events: number; seconds: number; p50: number; p95: number; failed: number }

export async function writeBench(
  prisma: ReturnType<typeof createPrismaClient>,
  label: string,
  practiceFor: (writer: number) => Practice,
  inCallerTransaction = false,
): Promise<WriteResult> {
  const input = (writer: number, i: number): AuditEventInput => {
    const p = practiceFor(writer);
    const member = p.members[(writer + i) % p.members.length]!;
    const who = {
      practiceId: p.id,
      actor: { type: "USER" as const, id: member.id, role: member.role },
      outcome: "SUCCESS" as const,
      context: { requestId: randomUUID().replaceAll("-", "").slice(0, 16), ip: "203.0.113.7", userAgent: USER_AGENTS[0]! },
    };
    if (i % 3 === 0) return { ...who, action: "auth.signin.succeeded", target: { type: "session", id: randomUUID() }, details: { method: "password" } };
    if (i % 3 === 1) return { ...who, action: "member.listed", target: null, details: { count: p.members.length } };
    return { ...who, action: "audit.event.viewed", target: { type: "audit_event", id: String(i) }, details: { seq: String(i) } };
  };
  // With Prisma's default interactive-transaction limits (5 s, 2 s to get a connection), which
  // include the wait for the chain's head: a writer that runs out of time counts as failed.
  const record = (w: number, i: number) =>
    inCallerTransaction ? prisma.$transaction((tx) => recordAudit(tx, input(w, i))) : recordAudit(prisma, input(w, i));
  // Warm the pool (one connection per writer) before timing.
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => record(w, 0)));
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 1; i <= EVENTS_PER_WRITER; i++) {
        const t = performance.now();
        await record(w, i).catch((error: unknown) => {
          if (failed++ === 0) console.error(`  a write failed: ${String(error).slice(0, 300)}`);
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const events = WRITERS * EVENTS_PER_WRITER - failed;
  return { label, events, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), failed };
}
