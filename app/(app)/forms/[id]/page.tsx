import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { HOME_CHOICES, KIND_CHOICES, loadForm } from "@/lib/forms/build";
import { FIELD_KINDS, IDENTITY_TARGETS } from "@/lib/forms/schema";
import { editFormAction, publishFormAction } from "../actions";
import { AddFieldForm } from "./add-field-form";

export const metadata: Metadata = { title: "Form builder" };

function Command({ formId, fieldId, op, label, srLabel, disabled }: { formId: string; fieldId: string; op: string; label: string; srLabel: string; disabled?: boolean }) {
  return (
    <form action={editFormAction}>
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="fieldId" value={fieldId} />
      <input type="hidden" name="op" value={op} />
      <Button type="submit" variant="ghost" className="min-h-9 px-2 py-1" disabled={disabled} aria-label={srLabel}>{label}</Button>
    </form>
  );
}

export default async function FormBuilderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (actor.role !== "OWNER") redirect("/dashboard");
  const { id } = await params;
  const form = await orNotFound(() => loadForm(actor, id));
  const { version } = form;
  return (
    <>
      <p className="text-sm text-muted"><Link href="/forms" className="underline">Forms</Link> / builder</p>
      <PageHeader
        title={version.title}
        description={
          version.published
            ? `Version ${version.number} is published and never changes. Any change you make starts version ${version.number + 1} as a draft.`
            : `Version ${version.number}: a draft.${form.publishedNumber ? ` Clients are sent version ${form.publishedNumber} until you publish this one.` : " Publish it to send it to clients."}`
        }
        actions={
          version.published ? null : (
            <form action={publishFormAction}>
              <input type="hidden" name="formId" value={form.id} />
              <Button type="submit">Publish version {version.number}</Button>
            </form>
          )
        }
      />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="questions-heading" className="space-y-3">
          <h2 id="questions-heading" className="text-lg font-semibold">Questions</h2>
          {version.fields.length === 0 ? (
            <EmptyState title="No questions yet">Add the first question with the form on the right.</EmptyState>
          ) : (
            <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {version.fields.map((f, i) => (
                <li key={f.id} className="space-y-1 px-4 py-3" data-question={f.label}>
                  <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
                    <p className="min-w-48 flex-1 font-medium">{i + 1}. {f.label}{f.required ? <span className="text-muted"> (required)</span> : null}</p>
                    <div className="flex flex-wrap gap-1">
                      <Command formId={form.id} fieldId={f.id} op="up" label="↑" srLabel={`Move question ${i + 1} up`} disabled={i === 0} />
                      <Command formId={form.id} fieldId={f.id} op="down" label="↓" srLabel={`Move question ${i + 1} down`} disabled={i === version.fields.length - 1} />
                      <Command formId={form.id} fieldId={f.id} op="remove" label="Remove" srLabel={`Remove question ${i + 1}`} />
                    </div>
                  </div>
                  <p className="flex flex-wrap gap-2 text-sm text-muted">
                    <span>{FIELD_KINDS[f.kind]}</span>
                    {f.kind === "consent" ? (
                      <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Consent · typed name kept in the vault</span>
                    ) : f.identity ? (
                      <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Identity vault: {IDENTITY_TARGETS[f.identity]}</span>
                    ) : (
                      <span className="rounded bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900">Clinical record</span>
                    )}
                  </p>
                  {f.options.length ? <p className="text-sm">Choices: {f.options.join(" · ")}</p> : null}
                  {f.statement ? <p className="whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm">{f.statement}</p> : null}
                </li>
              ))}
            </ol>
          )}
          <form action={editFormAction} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
            <input type="hidden" name="formId" value={form.id} />
            <input type="hidden" name="op" value="title" />
            <div className="min-w-64 flex-1"><Input label="Title" name="title" required maxLength={120} defaultValue={version.title} /></div>
            <Button type="submit" variant="secondary">Save title</Button>
          </form>
        </section>
        <section id="add-question" aria-labelledby="add-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-heading" className="text-lg font-semibold">Add a question</h2>
          <AddFieldForm formId={form.id} kinds={KIND_CHOICES} homes={HOME_CHOICES} />
        </section>
      </div>
    </>
  );
}
