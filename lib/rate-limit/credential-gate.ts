import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clearLimit, hitLimit, limitKey, LIMITS, peekLimit, refundAttempt, reserveAttempt, type AttemptGate, type Limit } from "./index";

// One shape for every "something secret typed for a known subject" check (a staff email and
// password, a client code and PIN). Failures count three ways:
//   perAddress  the subject from this address: the tight limit a guesser meets first;
//   perIp       this address across subjects: one address trying many accounts;
//   ceiling     the subject from every address together: bounds guessing from many addresses.
// The ceiling is what a stranger could fill to keep someone out, so an address the subject
// signed in from recently (`known`) is exempt from it: the real person at their usual address
// is held back only by their own failures there.

export interface CredentialLimits {
  perAddress: Limit;
  perIp: Limit;
  ceiling: Limit;
  known: Limit;
}

/** Staff sign-in: the typed email and password (and the idle-lock unlock, which is a sign-in). */
export const STAFF_SIGN_IN: CredentialLimits = { perAddress: LIMITS.signInAccountAddress, perIp: LIMITS.signInIp, ceiling: LIMITS.signInAccount, known: LIMITS.signInKnownAddress };
/** The client portal: the client code and PIN. */
export const PORTAL_SIGN_IN: CredentialLimits = { perAddress: LIMITS.portalCodeAddress, perIp: LIMITS.portalIp, ceiling: LIMITS.portalCode, known: LIMITS.portalKnownAddress };

export interface CredentialGate extends AttemptGate {
  /** This address signed in for this subject recently (so the ceiling was not checked). */
  known: boolean;
  /** Failures for the subject from this address, including this attempt (for slowing answers). */
  addressFailures: number;
  /** Which of the three keys refused, when not allowed. */
  refusedBy: "address" | "ip" | "subject" | null;
}

const pair = (subject: string, ip: string | null) => `${subject}\n${ip ?? "unknown"}`;

/** Reserves an attempt for `subject` from `ip` before the secret is checked (see reserveAttempt). */
export async function reserveCredentialAttempt(prisma: PrismaClient, limits: CredentialLimits, subject: string, ip: string | null, now = Date.now()): Promise<CredentialGate> {
  // An address we cannot see is never "known".
  const known = ip !== null && (await peekLimit(prisma, limits.known, limitKey(limits.known, pair(subject, ip)), now)).count > 0;
  const checks = [
    { limit: limits.perAddress, key: limitKey(limits.perAddress, pair(subject, ip)) },
    { limit: limits.perIp, key: limitKey(limits.perIp, ip ?? "unknown") },
    ...(known ? [] : [{ limit: limits.ceiling, key: limitKey(limits.ceiling, subject) }]),
  ];
  const gate = await reserveAttempt(prisma, checks, now);
  const refusedBy = gate.blockedBy === null ? null : gate.blockedBy === limits.perAddress ? "address" : gate.blockedBy === limits.perIp ? "ip" : "subject";
  return Object.assign(gate, { known, addressFailures: gate.counts[0]!, refusedBy } as const);
}

/**
 * The secret was right: the attempt is not a failure, this address's failures for the subject
 * are forgiven, and the address becomes known for the subject.
 */
export async function credentialSucceeded(prisma: PrismaClient, limits: CredentialLimits, gate: CredentialGate, subject: string, ip: string | null) {
  await refundAttempt(prisma, gate);
  await clearLimit(prisma, limitKey(limits.perAddress, pair(subject, ip)));
  await rememberAddress(prisma, limits, subject, ip);
}

/** Marks `ip` as an address the subject proved itself from (a sign-in, a password reset). */
export async function rememberAddress(prisma: Pick<PrismaClient, "$queryRaw">, limits: CredentialLimits, subject: string, ip: string | null) {
  if (ip !== null) await hitLimit(prisma, limits.known, limitKey(limits.known, pair(subject, ip)));
}
