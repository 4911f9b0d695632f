import Link from "next/link";
import type { Route } from "next";
import { Button } from "@/components/ui/button";
import type { Actor } from "@/lib/auth/actor";
import { setupChecklist } from "@/lib/practice/setup-checklist";
import { hideChecklistAction } from "./setup-checklist-actions";

/**
 * A new practice's first steps, for owners, each ticked from the practice's real data. Renders
 * nothing once every step is done or an owner hid it. Drop it anywhere: <SetupChecklist actor={actor} />.
 */
export async function SetupChecklist({ actor }: { actor: Actor }) {
  const steps = await setupChecklist(actor);
  if (!steps) return null;
  const done = steps.filter((s) => s.done).length;
  return (
    <section aria-labelledby="setup-heading" className="mb-8 rounded-lg border border-brand-100 bg-brand-50/60 p-4" data-testid="setup-checklist">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="setup-heading" className="text-lg font-semibold">Getting started</h2>
        <p className="text-sm text-muted">{done} of {steps.length} done</p>
      </div>
      <ol className="mt-3 space-y-2">
        {steps.map((s) => (
          <li key={s.key} className="flex items-center gap-3" data-done={s.done}>
            <span aria-hidden="true" className={`grid size-6 shrink-0 place-items-center rounded-full text-sm font-bold ${s.done ? "bg-brand-700 text-white" : "border border-slate-300 bg-white"}`}>{s.done ? "✓" : ""}</span>
            {s.done ? (
              <span className="text-muted line-through">{s.label}<span className="sr-only"> (done)</span></span>
            ) : (
              <Link href={s.href as Route} className="font-medium text-brand-700 underline">{s.label}</Link>
            )}
          </li>
        ))}
      </ol>
      <form action={hideChecklistAction} className="mt-3">
        <Button type="submit" variant="secondary">Hide this checklist</Button>
      </form>
    </section>
  );
}
