import type { Actor } from "@/lib/auth/actor";

// What the members screen offers, asked of lib rather than worked out in the page (the
// operations in members.ts refuse the same cases with their own messages).

/** Only an owner invites, changes roles, resets a second factor and removes members. */
export const managesMembers = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

interface MemberFactors {
  userId: string;
  user: { totpEnabledAt: Date | null; _count: { passkeys: number } };
}

/** An owner resets another member's second factor, if they have one; their own is managed on the Two-factor page. */
export const mayResetTwoFactor = (actor: Pick<Actor, "role" | "userId">, member: MemberFactors) =>
  managesMembers(actor) && member.userId !== actor.userId && (member.user.totpEnabledAt !== null || member.user._count.passkeys > 0);

/** An owner removes other members; never themselves from this screen (another owner can). */
export const mayRemoveMember = (actor: Pick<Actor, "role" | "membershipId">, member: { id: string }) => managesMembers(actor) && member.id !== actor.membershipId;

/** A member's second factor in words, as the members screen shows it. */
export function secondFactorLabel(member: MemberFactors): string {
  const app = member.user.totpEnabledAt !== null;
  const passkeys = member.user._count.passkeys;
  if (app && passkeys) return "On: app and passkey";
  if (app) return "On: authenticator app";
  if (passkeys) return "On: passkey";
  return "Not set up";
}
