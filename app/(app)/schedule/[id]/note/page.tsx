import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { formatClientCode } from "@/lib/clients/code";
import { requireActor } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { appointmentNoteStart } from "@/lib/schedule/note-link";
import { openNoteAction } from "../../actions";

export const metadata: Metadata = { title: "Start a note" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" });

// Starting an appointment's note: the template choice, the appointment type's template chosen
// first. An appointment that already has its note goes straight to it.
export default async function StartNotePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const start = await orNotFound((context) => appointmentNoteStart(actor, id, context));
  const code = formatClientCode(start.appointment.clientCode);
  if (start.noteId) redirect(`/clients/${code}/notes/${start.noteId}` as Route);
  const { appointment: a, options, defaultChoice } = start;
  const groups = [
    { title: "Built-in templates", options: options.filter((o) => !o.practice) },
    { title: "This practice's templates", options: options.filter((o) => o.practice) },
  ].filter((g) => g.options.length > 0);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`Note for ${a.typeName.toLowerCase()} with ${code}`}
        description={`${a.clientLabel ? `${a.clientLabel} · ` : ""}${day.format(new Date(`${a.date}T00:00:00Z`))} at ${a.time}. Choose how to write it: the template for ${a.typeName} is chosen for you.`}
      />
      <form action={openNoteAction} className="space-y-6">
        <input type="hidden" name="id" value={a.id} />
        {groups.map((g) => (
          <fieldset key={g.title} className="space-y-2">
            <legend className="mb-2 text-base font-semibold">{g.title}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {g.options.map((o) => (
                <label key={o.value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 bg-white p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                  <input type="radio" name="template" value={o.value} defaultChecked={o.value === defaultChoice} className="mt-1 size-5 shrink-0" />
                  <span>
                    <span className="block font-semibold">
                      {o.name}
                      {o.value === defaultChoice ? <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs font-semibold text-brand-900">{a.typeName} default</span> : null}
                    </span>
                    <span className="block text-sm text-muted">{o.sections.join(" · ")}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit">Start note</Button>
          <Link href={`/schedule/${a.id}` as Route} className="text-sm font-semibold text-brand-700 underline">Back to the appointment</Link>
        </div>
      </form>
    </div>
  );
}
