"use client";

import { useEffect, useState } from "react";

import { FLASH_COOKIE } from "@/lib/http/flash-cookie";

/**
 * Shows the one-shot message a server action left in the flash cookie (lib/http/flash.ts),
 * announces it to screen readers, and clears it.
 */
export function Toaster() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const match = document.cookie.split("; ").find((c) => c.startsWith(`${FLASH_COOKIE}=`));
    if (!match) return;
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
    // Reading a cookie set before this render is an external sync, not derived state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setMessage(decodeURIComponent(match.slice(FLASH_COOKIE.length + 1)));
    const timer = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {message ? (
        <div className="pointer-events-auto flex items-center gap-3 rounded-lg bg-ink px-4 py-3 text-sm text-white shadow-lg">
          <span>{message}</span>
          <button type="button" onClick={() => setMessage(null)} className="rounded px-1 text-slate-300 hover:text-white" aria-label="Dismiss message">
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}
