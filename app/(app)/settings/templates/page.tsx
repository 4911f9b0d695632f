import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { listPracticeTemplates, listTypeNoteTemplates, mayManageNoteTemplates } from "@/lib/notes/manage-practice-templates";
import { MAX_SECTIONS } from "@/lib/notes/practice-template-rules";
import { TEMPLATES, templateIds } from "@/lib/notes/templates";
import { archiveTemplateAction, typeTemplateAction } from "./actions";
import { TemplateForm } from "./template-form";

export const metadata: Metadata = { title: "Note templates" };

const card = "rounded-lg border border-slate-200 bg-white p-4";

// Owners: the practice's note templates beside the four built-ins, and the template each
// appointment type offers first when a note is started from one of its appointments.
export default async function NoteTemplatesPage() {
  const actor = await requireActor();
  if (!mayManageNoteTemplates(actor)) redirect("/dashboard");
  const [templates, types] = await Promise.all([listPracticeTemplates(actor), listTypeNoteTemplates(actor)]);
  const available = templates.filter((t) => !t.archived);
  return (
    <>
      <PageHeader
        title="Note templates"
        description="The sections a session note is written in. Clinicians choose a template when they start a note; one started from an appointment offers its type's template first."
      />
      <div className="space-y-10">
        <section aria-labelledby="types-heading" className="space-y-3">
          <h2 id="types-heading" className="text-lg font-semibold">Template for each appointment type</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {types.map((t) => (
              <li key={t.id} className="px-4 py-3">
                <form action={typeTemplateAction} className="flex flex-wrap items-end gap-3" data-type={t.name}>
                  <input type="hidden" name="typeId" value={t.id} />
                  <div className="w-72">
                    <Select label={`Notes for ${t.name}`} name="template" defaultValue={t.noteTemplateId ?? t.noteTemplate ?? ""}>
                      <option value="">Free text (no default)</option>
                      <optgroup label="Built-in">{templateIds.map((id) => <option key={id} value={id}>{TEMPLATES[id].name}</option>)}</optgroup>
                      {available.length > 0 ? <optgroup label="This practice">{available.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</optgroup> : null}
                    </Select>
                  </div>
                  <Button type="submit" variant="secondary" aria-label={`Save the template for ${t.name}`}>Save</Button>
                </form>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="practice-heading" className="space-y-3">
          <h2 id="practice-heading" className="text-lg font-semibold">This practice&apos;s templates</h2>
          {templates.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-muted">None yet. Add one below: a name, and the sections a note is written in, each with an optional prompt.</p>
          ) : (
            <ul className="space-y-3">
              {templates.map((t) => (
                <li key={t.id} className={`${card} space-y-2`} data-template={t.name}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold">{t.name}</h3>
                    {t.archived ? <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Archived</span> : null}
                    <span className="text-sm text-muted">{t.notes} note{t.notes === 1 ? "" : "s"}</span>
                    <form action={archiveTemplateAction} className="ml-auto">
                      <input type="hidden" name="id" value={t.id} />
                      <input type="hidden" name="command" value={t.archived ? "unarchive" : "archive"} />
                      <Button type="submit" variant="ghost" className="min-h-9 px-2 py-1" aria-label={`${t.archived ? "Bring back" : "Archive"} ${t.name}`}>{t.archived ? "Bring back" : "Archive"}</Button>
                    </form>
                  </div>
                  <ol className="list-decimal space-y-0.5 pl-5 text-sm">
                    {t.sections.map((s) => <li key={s.key}><span className="font-medium">{s.label}</span>{s.prompt ? <span className="text-muted">: {s.prompt}</span> : null}</li>)}
                  </ol>
                  <details>
                    <summary className="min-h-10 cursor-pointer py-2 text-sm font-semibold text-brand-700">Edit {t.name}</summary>
                    <div className="pt-2">
                      <TemplateForm
                        id={t.id}
                        rows={Math.min(MAX_SECTIONS, t.sections.length + 3)}
                        submitLabel="Save template"
                        initial={{ name: t.name, ...Object.fromEntries(t.sections.flatMap((s, i) => [[`label-${i + 1}`, s.label], [`prompt-${i + 1}`, s.prompt]])) }}
                      />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="add-heading" className={`${card} space-y-3`}>
          <h2 id="add-heading" className="text-lg font-semibold">Add a template</h2>
          <TemplateForm rows={6} submitLabel="Add template" initial={{}} />
        </section>

        <section aria-labelledby="builtin-heading" className="space-y-3">
          <h2 id="builtin-heading" className="text-lg font-semibold">Built-in templates</h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {templateIds.map((id) => (
              <li key={id} className={card}>
                <h3 className="font-semibold">{TEMPLATES[id].name}</h3>
                <p className="text-sm text-muted">{TEMPLATES[id].sections.map((s) => s.label).join(" · ")}</p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
