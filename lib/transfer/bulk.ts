import "server-only";
import { db } from "@/lib/db/client";
import type { ClientStatus, Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { newNotesKey } from "@/lib/notes/keys";

// Bulk writes shared by the CSV import and the practice import: rows go in chunks (createMany
// is one multi-row INSERT per chunk), never one statement per client.

export const CHUNK = 1000;

export interface NewClientRow {
  id: string;
  practiceId: string;
  code: string;
  label: string | null;
  status: ClientStatus;
  createdAt: Date;
  dischargedAt: Date | null;
  retentionDueAt: Date | null;
  legalHoldUntil: Date | null;
  legalHoldReason: string | null;
  reflectionsInvitedAt: Date | null;
  reflectionsAcceptedAt: Date | null;
  remindersOptedInAt: Date | null;
  remindersOptInById: string | null;
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `n` new random codes, distinct from each other and from every code on this instance. */
export async function freshClientCodes(n: number, generate: () => string): Promise<string[]> {
  const codes = new Set<string>();
  for (let attempt = 0; attempt < 5 && codes.size < n; attempt++) {
    const batch: string[] = [];
    while (codes.size + batch.length < n) {
      const code = generate();
      if (!codes.has(code) && !batch.includes(code)) batch.push(code);
    }
    const taken = new Set<string>();
    for (const part of chunks(batch, 5000)) {
      for (const c of await db().client.findMany({ where: { code: { in: part } }, select: { code: true } })) taken.add(c.code);
    }
    for (const code of batch) if (!taken.has(code)) codes.add(code);
  }
  if (codes.size < n) throw new AppError("code_exhausted", "Could not generate client codes. Please try again.", 500);
  return [...codes];
}

/** Inserts clients and a fresh notes data key for each; returns the unwrapped keys by client id. */
export async function insertClientsWithKeys(tx: Prisma.TransactionClient, clients: NewClientRow[]): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  for (const part of chunks(clients)) {
    await tx.client.createMany({ data: part });
    const made = await Promise.all(part.map((c) => newNotesKey(c.id)));
    made.forEach((k, i) => keys.set(part[i]!.id, k.dataKey));
    await tx.clientNotesKey.createMany({ data: made.map((k) => k.row) });
  }
  return keys;
}
