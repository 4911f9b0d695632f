import type { ReactNode } from "react";

/**
 * One panel of the home page: a titled section with an optional count, link and empty text.
 * Panels added later (e.g. the measures "risk answers" panel) use the same component.
 */
export function HomeSection({ id, title, count, action, empty, children }: { id: string; title: string; count?: number; action?: ReactNode; empty?: string | null; children?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-home-section={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {title}
          {count !== undefined ? <span className="ml-2 text-base font-normal text-muted">({count})</span> : null}
        </h2>
        {action}
      </div>
      {empty ? <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-muted">{empty}</p> : children}
    </section>
  );
}
