import type { Route } from "next";
import Link from "next/link";
import type { PortalClient } from "@/lib/portal/session";
import { listOwnForms } from "@/lib/forms/portal-forms";

/** On the portal home: the forms the practice has asked the client to fill in, until they are sent. */
export async function PendingForms({ portal }: { portal: PortalClient }) {
  const open = (await listOwnForms(portal)).filter((f) => f.status !== "completed");
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="forms-heading" className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-4">
      <h2 id="forms-heading" className="text-xl font-semibold">Forms to fill in</h2>
      <p className="text-muted">Your practice asks you to fill these in before your first session. Your answers are saved as you go.</p>
      <ul className="space-y-2">
        {open.map((f) => (
          <li key={f.id}>
            <Link href={`/portal/form/${f.id}` as Route} className="flex min-h-11 items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-4 py-2 font-semibold text-brand-700">
              <span className="underline">{f.title}</span>
              <span className="text-sm font-normal text-muted">{f.status === "started" ? "Carry on" : "Start"}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
