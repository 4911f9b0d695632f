"use client";

import { useEffect, useState } from "react";
import { FLASH_COOKIE } from "@/lib/http/flash-cookie";

/**
 * Shows the one-shot message a server action left in the flash cookie (lib/http/flash.ts),
 * announces it to screen readers, and clears the cookie. The root layout reads the cookie on
 * every render, so a message survives the redirect that follows the action.
 */
export function Toaster({ message }: { message: string | null }) {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
    // The message arrives from the server with this render: an external sync, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setShown(message);
    const timer = setTimeout(() => setShown(null), 8000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {shown ? (
        <div className="pointer-events-auto flex max-w-xl items-center gap-3 rounded-lg bg-ink px-4 py-3 text-sm text-white shadow-lg">
          <span>{shown}</span>
          <button type="button" onClick={() => setShown(null)} className="rounded px-1 text-slate-300 hover:text-white" aria-label="Dismiss message">
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}
