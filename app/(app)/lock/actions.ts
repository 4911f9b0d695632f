"use server";

import { unlockWithPassword } from "@/lib/auth/unlock";
import { currentAccountHolder } from "@/lib/entry/caller";
import { publicAction } from "@/lib/entry/action";
import { issueSessionCookie } from "@/lib/entry/cookies";

export type UnlockState = { error: string | null; unlocked: number };

// Public: the lock screen shows once the session may already have ended (signed out elsewhere,
// timed out); unlocking proves the member's password (and code) afresh and issues a new session.
export const unlockAction = publicAction(
  { failure: (message, _formData, prev: UnlockState | undefined): UnlockState => ({ error: message, unlocked: prev?.unlocked ?? 0 }) },
  async ({ audit }, prev: UnlockState, formData: FormData): Promise<UnlockState> => {
    const result = await unlockWithPassword({ userId: formData.get("userId"), password: formData.get("password"), code: formData.get("code") ?? "" }, audit);
    await issueSessionCookie(result.userId, result.sessionId);
    return { error: null, unlocked: prev.unlocked + 1 };
  },
);

/** After a passkey sign-in from the lock screen: is this browser signed in as the same member (or operator)? */
export const signedInAsAction = publicAction({ failure: (): string | null => null }, async (): Promise<string | null> => {
  return (await currentAccountHolder())?.holder.userId ?? null;
});
