import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { crisisTextSchema } from "./schema";

// What a client sees after answering a risk item above zero: the practice's own words, or this
// UK default. Shown in the portal only, never sent by email.

export const DEFAULT_CRISIS_TEXT = [
  "If you are in danger now, or think you might act on thoughts of ending your life, call 999 or go to A&E.",
  "You can talk to Samaritans any time, day or night, for free: call 116 123.",
  "If you need help soon but it is not an emergency, call NHS 111 and choose the mental health option.",
  "Your therapist will see your answers. They may contact you about them.",
].join("\n");

export async function crisisText(practiceId: string): Promise<{ text: string; isDefault: boolean }> {
  const practice = await db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { crisisText: true } });
  return practice.crisisText ? { text: practice.crisisText, isDefault: false } : { text: DEFAULT_CRISIS_TEXT, isDefault: true };
}

/** An owner sets the practice's crisis text; empty goes back to the default. */
export async function setCrisisText(actor: Actor, input: unknown, context: AuditContext) {
  if (actor.role !== "OWNER") throw forbidden();
  const { text } = crisisTextSchema.parse(input);
  await db().$transaction(async (tx) => {
    await tx.practice.update({ where: { id: actor.practiceId }, data: { crisisText: text === "" ? null : text } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "practice.crisis_text_changed", target: null, outcome: "SUCCESS", details: { usesDefault: text === "" }, context });
  });
}
