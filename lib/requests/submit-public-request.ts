import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { assertPracticeActive } from "@/lib/platform/active";
import { limitKey, LIMITS, reserveAttempt } from "@/lib/rate-limit";
import { destroyRequestContact, requestContactSchema, storeRequestContact } from "@/lib/vault/request-contact";
import { statutoryDueDate } from "./due";
import { submitSchema } from "./schema";

/**
 * A request from the public form (no portal access): the contact details and what the person
 * wrote go to the vault; the clinical side keeps only the kind and the dates. Identity is not
 * verified until an owner links the request to a client. Refused while the practice is suspended.
 */
export async function submitPublicRequest(practiceId: string, input: unknown, context: AuditContext) {
  const practice = await assertPracticeActive(practiceId);
  const { kind } = z.object({ kind: submitSchema.shape.kind }).parse(input);
  const contact = requestContactSchema.parse(input);
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.requestSubmit, key: limitKey(LIMITS.requestSubmit, `ip:${context.ip ?? "unknown"}`) }])).allowed) {
    throw new AppError("too_many", "Many requests have been sent from here in the last hour. Please try again later.", 429);
  }
  const id = randomUUID();
  const now = new Date();
  await storeRequestContact(id, practice.id, contact);
  try {
    await db().$transaction(async (tx) => {
      await tx.dataRequest.create({ data: { id, practiceId: practice.id, kind, source: "public form", receivedAt: now, clockStartedAt: now, dueOn: statutoryDueDate(now) } });
      await recordAudit(tx, { practiceId: practice.id, actor: { type: "CLIENT", id: null, role: "public" }, action: "request.submitted", target: { type: "request", id }, outcome: "SUCCESS", details: { kind, source: "public_form" }, context });
    });
  } catch (error) {
    await destroyRequestContact(practice.id, id).catch(() => {});
    throw error;
  }
  return { id, practiceName: practice.name };
}
