import Link from "next/link";
import type { PortalClient } from "@/lib/portal/session";
import { listPendingMeasures } from "@/lib/measures/portal-measures";

const day = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/London" });

/** On the portal home: the questionnaires waiting for the client, each one tap away. */
export async function PendingMeasuresNotice({ portal }: { portal: PortalClient }) {
  const pending = await listPendingMeasures(portal);
  if (pending.length === 0) return null;
  return (
    <section id="questionnaires" aria-labelledby="questionnaires-heading" className="space-y-3 rounded-lg border-2 border-brand-600 bg-white p-4">
      <h2 id="questionnaires-heading" className="text-xl font-semibold">Questions from your therapist</h2>
      <p className="text-muted">Your therapist asked you to answer {pending.length === 1 ? "a short questionnaire" : `${pending.length} short questionnaires`}. Each takes about 2 minutes.</p>
      <ul className="space-y-2">
        {pending.map((p) => (
          <li key={p.id}>
            <Link href={`/portal/measures/${p.id}`} className="flex min-h-12 flex-wrap items-center justify-between gap-2 rounded-md bg-brand-50 px-4 py-3 font-semibold text-brand-800 underline-offset-2 hover:underline">
              <span>{p.name}{p.appointmentStartsAt ? ` · before your appointment on ${day.format(p.appointmentStartsAt)}` : ""}</span>
              <span className="text-sm font-normal">{p.answered > 0 ? `${p.answered} of ${p.items} answered · Carry on` : "Start"}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
