import type { Metadata, Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { listForms } from "@/lib/forms/build";
import { createFormAction } from "./actions";

export const metadata: Metadata = { title: "Forms" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });

export default async function FormsPage() {
  const actor = await requireActor();
  if (actor.role !== "OWNER") redirect("/dashboard");
  const forms = await listForms(actor);
  return (
    <>
      <PageHeader
        title="Intake and consent forms"
        description="Forms your clients fill in on the portal before a first session. Identity answers go to the identity vault; clinical answers are encrypted in the client's record; each consent is kept with the exact form version and time."
      />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="forms-heading" className="space-y-3">
          <h2 id="forms-heading" className="text-lg font-semibold">Your forms</h2>
          {forms.length === 0 ? (
            <EmptyState title="No forms yet">Start one on the right: give it a title, add questions, then publish it.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {forms.map((f) => (
                <li key={f.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                  <Link href={`/forms/${f.id}` as Route} className="font-semibold text-brand-700 underline">{f.title}</Link>
                  <span className="text-sm text-muted">
                    {f.published ? `Version ${f.published.number} published ${day.format(f.published.at)} · ${f.published.questions} questions` : "Not published yet"}
                    {f.draftNumber && f.published ? ` · draft of version ${f.draftNumber}` : ""} · sent {f.sent} {f.sent === 1 ? "time" : "times"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="new-form-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-form-heading" className="text-lg font-semibold">New form</h2>
          <form action={createFormAction} className="space-y-3">
            <Input label="Title" name="title" required maxLength={120} hint="As clients see it, e.g. Before your first session." />
            <Button type="submit">Start a form</Button>
          </form>
        </section>
      </div>
    </>
  );
}
