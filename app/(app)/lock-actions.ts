"use server";

import { requestAuditContext } from "@/lib/entry/context";
import { currentAccountHolder } from "@/lib/entry/caller";
import { issueSessionCookie } from "@/lib/entry/cookies";
import { unlockWithPassword } from "@/lib/auth/unlock";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";

export type UnlockState = { error: string | null; unlocked: number };

export async function unlockAction(prev: UnlockState, formData: FormData): Promise<UnlockState> {
  try {
    const result = await unlockWithPassword(
      { userId: formData.get("userId"), password: formData.get("password"), code: formData.get("code") ?? "" },
      await requestAuditContext(),
    );
    await issueSessionCookie(result.userId, result.sessionId);
    return { error: null, unlocked: prev.unlocked + 1 };
  } catch (error) {
    return { error: actionErrorMessage(error), unlocked: prev.unlocked };
  }
}

/** After a passkey sign-in from the lock screen: is this browser signed in as the same member (or operator)? */
export async function signedInAs(): Promise<string | null> {
  return (await currentAccountHolder())?.holder.userId ?? null;
}
