import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { parseClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { practiceIsActive, practicePaused } from "@/lib/platform/active";
import { refundAttempt } from "@/lib/rate-limit";
import { credentialSucceeded, PORTAL_SIGN_IN, reserveCredentialAttempt } from "@/lib/rate-limit/credential-gate";
import { newPinSchema } from "./pin";

// The client portal's own sessions: an opaque random token in its own cookie (only its hash is
// stored), HttpOnly, SameSite=Strict, Secure with the __Host- prefix in production; 10 minutes
// idle, 2 hours at most. Nothing here touches staff sessions.

export const PORTAL_IDLE_MS = 10 * 60_000;
export const PORTAL_ABSOLUTE_MS = 2 * 60 * 60_000;
import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";

export interface PortalClient {
  sessionId: string;
  clientId: string;
  code: string;
  practiceId: string;
  mustChangePin: boolean;
}

const clientActor = (code: string) => ({ type: "CLIENT" as const, id: code, role: "client" });

const signInSchema = z.object({ code: z.string().max(40), pin: z.string().max(40) });

/**
 * Code and PIN in, a portal session token out. The attempt is counted before the PIN is checked
 * (so concurrent guesses cannot overrun the limit): per code and address, per address, and per
 * code across addresses except the client's known ones (lib/rate-limit/credential-gate.ts). The
 * answer is the same whether the code is unknown, has no portal access, or the PIN is wrong,
 * after the same work. Only the right PIN learns that the client's practice is paused.
 */
export async function signInToPortal(input: unknown, context: AuditContext): Promise<{ token: string; mustChangePin: boolean }> {
  const parsed = signInSchema.safeParse(input);
  const code = parsed.success ? parseClientCode(parsed.data.code) : null;
  const prisma = db();
  const subject = code ?? "invalid";
  const gate = await reserveCredentialAttempt(prisma, PORTAL_SIGN_IN, subject, context.ip);
  const client = code ? await prisma.client.findUnique({ where: { code }, include: { portal: true, practice: { select: { name: true, suspendedAt: true } } } }) : null;
  const audit = { practiceId: client?.practiceId ?? null, actor: clientActor(client?.code ?? "unknown"), target: client ? { type: "client", id: client.code } : null, context };
  if (!gate.allowed) {
    await recordAudit(prisma, { ...audit, action: "portal.signin.locked", outcome: "DENIED", details: { limit: gate.refusedBy === "ip" ? "ip" : "code" } });
    const minutes = Math.max(1, Math.ceil(gate.retryAfterSeconds / 60));
    throw new AppError("locked", `Too many tries. For your safety, the portal is paused for this code. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429);
  }
  const ok = await verifyPassword(client?.portal?.pinHash, parsed.success ? parsed.data.pin : "");
  if (!client || !client.portal || !ok || client.status !== "ACTIVE") {
    await recordAudit(prisma, { ...audit, action: "portal.signin.failed", outcome: "FAILED", details: { reason: !code ? "invalid_code" : !client ? "unknown_code" : !client.portal ? "no_access" : !ok ? "wrong_pin" : "inactive" } });
    throw new AppError("wrong_code_or_pin", "That code and PIN do not match. Check them and try again.", 400);
  }
  if (!practiceIsActive(client.practice)) {
    // The right PIN, but the practice is suspended: not a failure, and no session.
    await refundAttempt(prisma, gate);
    await recordAudit(prisma, { ...audit, action: "portal.signin.failed", outcome: "DENIED", details: { reason: "practice_suspended" } });
    throw practicePaused(client.practice.name);
  }
  await credentialSucceeded(prisma, PORTAL_SIGN_IN, gate, subject, context.ip);
  const token = newSecretToken();
  await prisma.$transaction(async (tx) => {
    const session = await tx.portalSession.create({ data: { clientId: client.id, tokenHash: new Uint8Array(hashToken(token)), expiresAt: new Date(Date.now() + PORTAL_ABSOLUTE_MS) } });
    await recordAudit(tx, { ...audit, action: "portal.signin.succeeded", outcome: "SUCCESS", details: { session: session.id } });
  });
  return { token, mustChangePin: client.portal.mustChangePin };
}

/** What this request's portal cookie names: a signed-in client, a session of a paused practice, or nothing. */
export type PortalSessionState = { kind: "client"; client: PortalClient } | { kind: "paused"; practiceName: string } | { kind: "none" };

/** What a portal cookie's token names (lib/entry/caller.ts reads the cookie and asks this). */
export async function resolvePortalSession(token: string | undefined): Promise<PortalSessionState> {
  if (!token || token.length > 100) return { kind: "none" };
  const session = await db().portalSession.findUnique({
    where: { tokenHash: new Uint8Array(hashToken(token)) },
    include: { access: { include: { client: { include: { practice: { select: { name: true, suspendedAt: true } } } } } } },
  });
  const now = Date.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now) return { kind: "none" };
  if (session.access.client.status !== "ACTIVE") return { kind: "none" };
  if (now - session.lastSeenAt.getTime() > PORTAL_IDLE_MS) {
    await db().portalSession.update({ where: { id: session.id }, data: { revokedAt: new Date(now) } });
    return { kind: "none" };
  }
  const { client } = session.access;
  // Refused while the practice is suspended, but not ended: it is not touched, so it idles out.
  if (!practiceIsActive(client.practice)) return { kind: "paused", practiceName: client.practice.name };
  if (now - session.lastSeenAt.getTime() > 30_000) {
    await db().portalSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return { kind: "client", client: { sessionId: session.id, clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: session.access.mustChangePin } };
}

/** The client replaces the handed-over PIN (or their own) with a new one of their choosing. */
export async function changePortalPin(portal: PortalClient, input: unknown, context: AuditContext) {
  const { pin } = newPinSchema.parse(input);
  const pinHash = await hashPassword(pin);
  await db().$transaction(async (tx) => {
    await tx.portalAccess.update({ where: { clientId: portal.clientId }, data: { pinHash, mustChangePin: false, pinChangedAt: new Date() } });
    await tx.portalSession.updateMany({ where: { clientId: portal.clientId, revokedAt: null, id: { not: portal.sessionId } }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "portal.pin_changed", target: { type: "client", id: portal.code }, outcome: "SUCCESS", context });
  });
}

export async function signOutOfPortal(portal: PortalClient, context: AuditContext) {
  await db().$transaction(async (tx) => {
    await tx.portalSession.update({ where: { id: portal.sessionId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "portal.signout", target: { type: "client", id: portal.code }, outcome: "SUCCESS", context });
  });
}

export { clientActor };
