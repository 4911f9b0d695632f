"use client";

import { useRouter } from "next/navigation";
import { type DragEvent, type ReactNode, useRef, useState, useTransition } from "react";
import { moveToSlotAction } from "./actions";

// Dragging an appointment onto another slot (desktop, with a mouse): a small enhancement over
// the server-rendered grid. It calls the same move as the appointment's Move form, which stays
// the way to move with a keyboard or screen reader; the outcome is announced in a live region.

const slotOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>("[data-slot-date][data-slot-time]") : null);

export function DragMove({ children }: { children: ReactNode }) {
  const router = useRouter();
  const dragged = useRef<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();

  function onDragStart(e: DragEvent) {
    const card = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-movable][data-appointment]") : null;
    if (!card || pending) return;
    dragged.current = card.dataset.appointment!;
    e.dataTransfer.setData("text/plain", card.dataset.appointment!);
    e.dataTransfer.effectAllowed = "move";
    // After the browser has taken its drag image: let drops reach the slots under the cards.
    setTimeout(() => setDragging(true), 0);
  }

  function onDragOver(e: DragEvent) {
    if (dragged.current && slotOf(e.target)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
    }
  }

  function onDrop(e: DragEvent) {
    const slot = slotOf(e.target);
    const id = dragged.current;
    dragged.current = null;
    setDragging(false);
    if (!slot || !id) return;
    e.preventDefault();
    const { slotDate: date, slotTime: time } = slot.dataset;
    setMessage(`Moving to ${time}…`);
    startTransition(async () => {
      const result = await moveToSlotAction({ id, date, time });
      setMessage(result.message);
      if (result.ok) router.refresh();
    });
  }

  return (
    <div
      data-dragging={dragging ? "true" : undefined}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDragEnd={() => {
        dragged.current = null;
        setDragging(false);
      }}
      className="[&[data-dragging]_[data-appointment]]:pointer-events-none [&[data-dragging]_[data-slot-date]]:bg-brand-50/60"
    >
      <p role="status" aria-live="polite" className={message ? "mb-2 rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm" : "sr-only"}>
        {message}
      </p>
      {children}
    </div>
  );
}
