import "server-only";
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { signInWithPassword } from "./sign-in";
import { verifySecondFactor } from "./two-factor";

// Unlocking a screen that locked after inactivity: a full sign-in (password, then the code
// when the member has an authenticator) for the same member, without leaving the page, so
// whatever they were typing is still there. Same rate limits and audit events as sign-in.

const unlockSchema = z.object({
  userId: z.uuid(),
  password: z.string().min(1, "Enter your password.").max(1024),
  code: z.string().trim().max(32).optional().default(""),
});

export async function unlockWithPassword(input: unknown, context: AuditContext): Promise<{ userId: string; sessionId: string }> {
  const { userId, password, code } = unlockSchema.parse(input);
  const user = await db().user.findUnique({ where: { id: userId }, include: { _count: { select: { passkeys: true } } } });
  if (!user) throw new AppError("unlock_failed", "That password is not right.", 400);
  if (!user.totpEnabledAt && user._count.passkeys > 0) {
    throw new AppError("passkey_required", "Unlock with your passkey.", 400);
  }
  if (user.totpEnabledAt && !code) throw new AppError("code_required", "Enter the code from your authenticator app too.", 400);
  const signedIn = await signInWithPassword({ email: user.email, password }, context);
  if (!signedIn.ok) {
    if (signedIn.reason === "locked") throw new AppError("locked", "Too many attempts. For your security, please wait 15 minutes, or sign out.", 429);
    if (signedIn.reason === "unavailable") throw new AppError("unavailable", "This account cannot sign in at the moment. Please sign out.", 403);
    throw new AppError("unlock_failed", "That password is not right.", 400);
  }
  if (!user.totpEnabledAt) return { userId: user.id, sessionId: signedIn.sessionId };
  const verified = await verifySecondFactor(signedIn.sessionId, { code }, context);
  return { userId: user.id, sessionId: verified.sessionId };
}
