"use client";

import { createContext, useContext, useEffect, useState } from "react";

// What survives the screen lock. When the idle time passes, the lock removes the page's content
// from the document (it unmounts it), so nothing clinical stays on screen or in the DOM. Typed
// text that must not be lost lives in this in-memory store instead of component state: the
// lock keeps the entries while it is locked, and the remounted components take them back.
// Nothing here is written to storage, and it all goes when the page is left or reloaded.

export class LockMemory {
  private entries = new Map<string, object>();
  /** True from the moment the lock starts until it is unlocked: unmounts meanwhile keep entries. */
  private locking = false;

  lockStarted() {
    this.locking = true;
  }

  lockEnded() {
    this.locking = false;
  }

  held<T extends object>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  hold(key: string, value: object) {
    this.entries.set(key, value);
  }

  /** A component holding `key` unmounted: kept if the lock unmounted it, else forgotten. */
  release(key: string) {
    if (!this.locking) this.entries.delete(key);
  }
}

export const LockMemoryContext = createContext<LockMemory | null>(null);

/**
 * A mutable object (like a group of refs) kept across the screen lock under `key`: made by
 * `create` on first mount, handed back when the component mounts again after unlocking, and
 * forgotten when the component unmounts for any other reason (leaving the page). Outside a lock
 * (no provider) it behaves like a ref.
 */
export function useLockSafe<T extends object>(key: string, create: () => T): T {
  const memory = useContext(LockMemoryContext);
  const [held] = useState(() => memory?.held<T>(key) ?? create());
  useEffect(() => {
    if (!memory) return;
    memory.hold(key, held);
    return () => memory.release(key);
  }, [memory, key, held]);
  return held;
}
