"use client";

import { useCallback, useEffect, useState } from "react";
import type { Route } from "next";
import Link from "next/link";
import { useLockSafe } from "@/components/lock/lock-memory";
import { Button, buttonClass } from "@/components/ui/button";
import { DEFAULT_RETRY_MS, retryDelayMs, saveOutcome } from "@/lib/notes/autosave";
import type { TemplateSection } from "@/lib/notes/templates";

// The draft editor. Typed text is never lost:
// - every change is copied to this device (localStorage) until the server confirms it, and
//   removed as soon as it does;
// - it autosaves a moment after typing stops (and at least every few seconds while typing),
//   on Ctrl/Cmd+S, and when the page is hidden or left;
// - a save based on an old revision comes back as a conflict, which the therapist resolves;
// - offline or signed out (screen locked after inactivity), the text stays here and on this
//   device, and saving resumes when the connection or the session is back;
// - the screen lock removes the editor from the page: what it was working on (the text, its
//   revision, whether it is saved) is held in lock memory, so it comes back as it was.

type Status = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "locked" | "error";
interface Conflict { revision: number; savedAt: string; savedByName: string }
interface Props {
  code: string;
  noteId: string;
  sections: TemplateSection[];
  initial: Record<string, string>;
  revision: number;
  signable: boolean;
}

const DEBOUNCE_MS = 1500;
const MAX_WAIT_MS = 5000;
const storageKey = (noteId: string) => `confide:draft:${noteId}`;
const words = (sections: Record<string, string>) =>
  Object.values(sections).reduce((n, t) => n + (t.trim() ? t.trim().split(/\s+/u).length : 0), 0);
const time = (iso: string | Date) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function NoteEditor({ code, noteId, sections: layout, initial, revision: initialRevision, signable }: Props) {
  // Kept across the screen lock (a save still in flight when it locks updates these too).
  const held = useLockSafe(`note-editor:${noteId}`, () => ({
    latest: { current: initial },
    revision: { current: initialRevision },
    dirty: { current: false },
    firstUnsavedAt: { current: null as number | null },
    lastSavedAt: { current: null as string | null },
    inFlight: { current: false },
  }));
  const { latest: latestRef, revision: revisionRef, dirty: dirtyRef, firstUnsavedAt: firstUnsavedAtRef, lastSavedAt: lastSavedAtRef, inFlight: inFlightRef } = held;
  const [sections, setSections] = useState(held.latest.current);
  const [status, setStatus] = useState<Status>(held.dirty.current ? "unsaved" : "saved");
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(held.lastSavedAt.current);
  const [restored, setRestored] = useState(false);
  // How long to wait before retrying while offline (the server's Retry-After when it sent one).
  const [retryMs, setRetryMs] = useState(DEFAULT_RETRY_MS);

  const url = `/api/clients/${encodeURIComponent(code)}/notes/${encodeURIComponent(noteId)}/draft`;

  const remember = useCallback(() => {
    try {
      localStorage.setItem(storageKey(noteId), JSON.stringify({ sections: latestRef.current, baseRevision: revisionRef.current, at: Date.now() }));
    } catch {
      // Storage full or disabled: the text is still in the page.
    }
  }, [noteId, latestRef, revisionRef]);

  const save = useCallback(async (opts: { force?: boolean } = {}) => {
    if (inFlightRef.current || (!dirtyRef.current && !opts.force)) return;
    inFlightRef.current = true;
    const sent = latestRef.current;
    setStatus("saving");
    try {
      const response = await fetch(url, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ baseRevision: revisionRef.current, sections: sent }),
      });
      const body = (await response.json().catch(() => ({}))) as {
        revision?: number; savedAt?: string; conflict?: Conflict; error?: { message?: string };
      };
      const outcome = saveOutcome({ status: response.status, hasRevision: typeof body.revision === "number", hasConflict: Boolean(body.conflict) });
      if (outcome === "saved" && typeof body.revision === "number") {
        revisionRef.current = body.revision;
        lastSavedAtRef.current = body.savedAt ?? new Date().toISOString();
        setSavedAt(lastSavedAtRef.current);
        if (latestRef.current === sent) {
          dirtyRef.current = false;
          firstUnsavedAtRef.current = null;
          localStorage.removeItem(storageKey(noteId));
          setStatus("saved");
        } else {
          remember();
          setStatus("unsaved");
        }
        setMessage(null);
      } else if (outcome === "conflict" && body.conflict) {
        setConflict(body.conflict);
        setStatus("conflict");
      } else if (outcome === "locked") {
        setStatus("locked");
      } else if (outcome === "offline") {
        // The server or its database is restarting or busy: nothing was written; keep the text
        // here and on this device, and try again when it says.
        setRetryMs(retryDelayMs(response.headers.get("Retry-After")));
        setStatus("offline");
      } else {
        setStatus("error");
        setMessage(body.error?.message ?? "The note could not be saved.");
      }
    } catch {
      setRetryMs(DEFAULT_RETRY_MS);
      setStatus("offline");
    } finally {
      inFlightRef.current = false;
    }
  }, [url, noteId, remember, latestRef, revisionRef, dirtyRef, firstUnsavedAtRef, lastSavedAtRef, inFlightRef]);

  // Text left on this device by an earlier visit that never reached the server. Browser
  // storage exists only after hydration, so this has to run in an effect.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey(noteId)) ?? "null") as { sections: Record<string, string>; baseRevision: number } | null;
      if (!stored || JSON.stringify(stored.sections) === JSON.stringify(latestRef.current)) return;
      latestRef.current = stored.sections;
      dirtyRef.current = true;
      setSections(stored.sections);
      setRestored(true);
      // If the note moved on since, the save will come back as a conflict for the therapist to
      // resolve, rather than overwrite.
      revisionRef.current = stored.baseRevision;
      setStatus("unsaved");
    } catch {
      // Unreadable local copy: ignore it.
    }
    // Runs once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  /* eslint-enable react-hooks/set-state-in-effect */

  // Autosave a moment after typing stops, and at least every MAX_WAIT_MS while typing.
  useEffect(() => {
    if (status !== "unsaved") return;
    const waited = firstUnsavedAtRef.current ? Date.now() - firstUnsavedAtRef.current : 0;
    const timer = setTimeout(() => void save(), Math.max(0, Math.min(DEBOUNCE_MS, MAX_WAIT_MS - waited)));
    return () => clearTimeout(timer);
  }, [sections, status, save, firstUnsavedAtRef]);

  // Offline or failed: retry now and then, and as soon as the browser is back online.
  useEffect(() => {
    if (status !== "offline" && status !== "error") return;
    const retry = () => void save();
    const timer = setInterval(retry, retryMs);
    window.addEventListener("online", retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [status, save, retryMs]);

  // Leaving or hiding the page: one last save that outlives the page, and a warning if needed.
  useEffect(() => {
    const flush = () => {
      if (!dirtyRef.current) return;
      remember();
      void fetch(url, {
        method: "PUT",
        keepalive: true,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ baseRevision: revisionRef.current, sections: latestRef.current }),
      }).catch(() => {});
    };
    const onHide = () => document.visibilityState === "hidden" && flush();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [url, remember, latestRef, revisionRef, dirtyRef]);

  function onChange(key: string, value: string) {
    const next = { ...latestRef.current, [key]: value };
    latestRef.current = next;
    dirtyRef.current = true;
    firstUnsavedAtRef.current ??= Date.now();
    remember();
    setSections(next);
    if (status === "saved" || status === "saving" || status === "offline" || status === "error") setStatus((s) => (s === "saving" ? s : "unsaved"));
  }

  function keepMine() {
    if (!conflict) return;
    revisionRef.current = conflict.revision;
    setConflict(null);
    dirtyRef.current = true;
    void save({ force: true });
  }

  function loadSaved() {
    if (!window.confirm("Discard the text on this screen and load the version saved elsewhere? (Your discarded text stays in this note's history only if it was saved before.)")) return;
    localStorage.removeItem(storageKey(noteId));
    dirtyRef.current = false;
    window.location.reload();
  }

  const statusText: Record<Status, string> = {
    saved: savedAt ? `Saved at ${time(savedAt)}` : "All changes saved",
    unsaved: "Unsaved changes…",
    saving: "Saving…",
    offline: "Offline: your text is kept on this device and will be saved when the connection returns",
    conflict: "Not saved: this note was changed elsewhere",
    locked: "Your session has ended: your text is kept on this device",
    error: message ?? "Not saved",
  };
  const tone = status === "saved" ? "text-emerald-800 bg-emerald-50" : status === "saving" || status === "unsaved" ? "text-slate-700 bg-slate-100" : "text-red-800 bg-red-50";
  const returnTo = `/clients/${code}/notes/${noteId}`;

  return (
    <div
      className="space-y-5"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
          e.preventDefault();
          void save({ force: dirtyRef.current });
        }
      }}
    >
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/95 py-2 backdrop-blur">
        <p role="status" aria-live="polite" className={`rounded-md px-3 py-1 text-sm font-medium ${tone}`} data-save-status={status}>
          {statusText[status]}
        </p>
        <span className="text-sm text-muted">{words(sections)} words</span>
        <Button variant="secondary" className="ml-auto" onClick={() => void save({ force: true })} disabled={status === "saving" || status === "conflict"}>
          Save now
        </Button>
      </div>

      {restored ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Restored text from this device that had not reached the server yet. It will be saved now.
        </p>
      ) : null}

      {status === "locked" ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          Your screen locked after a period of inactivity. Your text is safe on this device.{" "}
          <a href={`/sign-in?next=${encodeURIComponent(returnTo)}`} className="font-semibold underline">Sign in again</a> to come back to this
          note with your text, and it will be saved.
        </div>
      ) : null}

      {conflict ? (
        <div role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950">
          <p>
            {conflict.savedByName} saved this note at {time(conflict.savedAt)}, after you opened it (another tab or device?). Your text
            is still here and nothing was overwritten.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button onClick={keepMine}>Keep my version</Button>
            <Button variant="secondary" onClick={loadSaved}>Load the saved version</Button>
          </div>
          <p className="text-red-900">Either way, every saved version stays in the note&apos;s history.</p>
        </div>
      ) : null}

      {layout.map((section) => (
        <div key={section.key} className="space-y-1">
          <label htmlFor={`section-${section.key}`} className="block text-base font-semibold text-ink">{section.label}</label>
          <p id={`hint-${section.key}`} className="text-sm text-muted">{section.hint}</p>
          <textarea
            id={`section-${section.key}`}
            aria-describedby={`hint-${section.key}`}
            value={sections[section.key] ?? ""}
            onChange={(e) => onChange(section.key, e.target.value)}
            rows={layout.length === 1 ? 14 : 6}
            spellCheck
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base leading-relaxed text-ink shadow-sm focus:border-brand-600"
          />
        </div>
      ))}

      {signable ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-muted">Signing locks the note with your name, the time and a fingerprint of its content. After that, only addenda can be added. You will be asked to confirm.</p>
          {status === "saved" ? (
            <Link href={`${returnTo}/sign` as Route} className={buttonClass("primary")}>Sign note…</Link>
          ) : (
            <p className="text-sm text-muted">Wait until the note is saved to sign it.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
