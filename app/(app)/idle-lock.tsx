"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useActionState, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { LockMemory, LockMemoryContext } from "@/components/lock/lock-memory";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { answerWithPasskey } from "@/components/passkeys/webauthn-client";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { signedInAsAction, unlockAction, type UnlockState } from "./lock/actions";

// The screen lock. After the practice's idle time with no keyboard, pointer or scroll activity
// (or as soon as the server says the session has ended), the page's content is removed from the
// document (unmounted, not hidden) and the lock screen takes its place. Unsaved typed text is
// kept in memory meanwhile (components/lock/lock-memory.tsx), so after unlocking with the
// member's password (and code) or passkey the page comes back with that text intact. While the
// member is active, a heartbeat at most once a minute keeps the server's idle clock in step.

const CHECK_MS = 5_000;
const HEARTBEAT_MS = 60_000;
const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"] as const;

/**
 * Next.js inlines the first page's server-rendered data (a note's text among it) as script
 * elements, which have done their work once the page is hydrated: the lock removes them from
 * the document with the content. Client navigations fetch that data instead, unseen in the DOM.
 */
function dropInlineServerPayload() {
  for (const script of document.querySelectorAll("script:not([src])")) {
    if (script.textContent?.includes("self.__next_f")) script.remove();
  }
}

interface Props {
  children: ReactNode;
  idleTimeoutMinutes: number;
  userId: string;
  displayName: string;
  hasTotp: boolean;
  hasPasskey: boolean;
}

export function IdleLock({ children, idleTimeoutMinutes, userId, displayName, hasTotp, hasPasskey }: Props) {
  // Why the page locked: the practice's idle time passed, or the server had already ended the session.
  const [locked, setLocked] = useState<false | "idle" | "ended">(false);
  const [memory] = useState(() => new LockMemory());
  // Set when the page mounts (and on every activity or unlock); 0 means "not yet".
  const lastActivity = useRef(0);
  const lastBeat = useRef(0);
  const unlock = useCallback(() => {
    lastActivity.current = Date.now();
    lastBeat.current = Date.now();
    memory.lockEnded();
    setLocked(false);
  }, [memory]);
  const lock = useCallback((why: "idle" | "ended") => {
    // Before the content unmounts, so what it holds in lock memory is kept.
    memory.lockStarted();
    dropInlineServerPayload();
    setLocked(why);
  }, [memory]);

  const [state, action, pending] = useActionState(async (prev: UnlockState, formData: FormData) => {
    const next = await unlockAction(prev, formData);
    if (next.unlocked > prev.unlocked) unlock();
    return next;
  }, { error: null, unlocked: 0 } satisfies UnlockState);

  useEffect(() => {
    if (locked) return;
    if (lastActivity.current === 0) lastActivity.current = lastBeat.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, onActivity, { passive: true });
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - lastActivity.current >= idleTimeoutMinutes * 60_000) {
        lock("idle");
        return;
      }
      if (lastActivity.current > lastBeat.current && now - lastBeat.current >= HEARTBEAT_MS) {
        lastBeat.current = now;
        void fetch("/api/session/activity", { method: "POST" })
          .then((r) => r.status === 401 && lock("ended"))
          .catch(() => {});
      }
    }, CHECK_MS);
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, onActivity);
    };
  }, [locked, idleTimeoutMinutes, lock]);

  async function withPasskey() {
    const response = await answerWithPasskey("sign-in");
    const result = await signIn("passkey", { response: JSON.stringify(response), redirect: false });
    if (!result?.ok || result.error) return "That passkey did not work. Try again, or use your password.";
    if ((await signedInAsAction()) !== userId) {
      // Someone else's passkey: never show this member's page to them.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops this page's state
      window.location.assign("/dashboard");
      return;
    }
    unlock();
  }

  return (
    <>
      <LockMemoryContext value={memory}>{locked ? null : children}</LockMemoryContext>
      {locked ? (
        <div role="dialog" aria-modal="true" aria-labelledby="lock-title" className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-100 px-4 py-16">
          <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 id="lock-title" className="text-2xl font-semibold tracking-tight">Screen locked</h1>
            <p className="mt-1 text-sm text-muted">
              {locked === "idle"
                ? `Locked after ${idleTimeoutMinutes} minutes without activity.`
                : "Your session has ended (for example, it was signed out from another device)."}{" "}
              {displayName}, sign in again to carry on where you were: a note or addendum you were writing is still here.
            </p>
            {hasTotp || !hasPasskey ? (
              <form action={action} className="mt-6 space-y-4">
                <FormError message={state.error} />
                <input type="hidden" name="userId" value={userId} />
                <Input label="Password" name="password" type="password" autoComplete="current-password" required autoFocus />
                {hasTotp ? <Input label="Code" name="code" autoComplete="one-time-code" required hint="From your authenticator app, or a recovery code." /> : null}
                <Button type="submit" className="w-full" disabled={pending}>{pending ? "Unlocking…" : "Unlock"}</Button>
              </form>
            ) : null}
            {hasPasskey ? (
              <div className="mt-4">
                <PasskeyButton label="Unlock with a passkey" variant="secondary" run={withPasskey} />
              </div>
            ) : null}
            <p className="mt-6 text-sm text-muted">
              Not you? <Link href="/sign-in" className="font-medium text-brand-700 underline">Sign in as yourself</Link>.
            </p>
          </div>
        </div>
      ) : null}
    </>
  );
}
