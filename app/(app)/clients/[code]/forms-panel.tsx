import type { Route } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { listSentForms, SENT_STATUS, sendableForms } from "@/lib/forms/send";
import { sendFormAction } from "./forms/actions";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });

/** The client's intake and consent forms: where each stands, and sending one (owner or assigned clinician). */
export async function FormsPanel({ actor, access, code }: { actor: Actor; access: ClientAccess; code: string }) {
  if (!access.canSeeNoteList) return null;
  const maySend = access.canManage && actor.role !== "MANAGER";
  const [sent, sendable] = await Promise.all([listSentForms(access), maySend ? sendableForms(actor) : Promise.resolve([])]);
  const unsent = sendable.filter((f) => !sent.some((s) => s.formId === f.formId));
  return (
    <section aria-labelledby="forms-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="forms-heading" className="text-lg font-semibold">Forms</h2>
      {sent.length === 0 ? <p className="text-sm text-muted">No forms sent yet.</p> : (
        <ul className="divide-y divide-slate-100">
          {sent.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm" data-form={f.title}>
              <span className="flex-1 font-medium">{f.title} <span className="font-normal text-muted">(version {f.version})</span></span>
              <span data-testid="form-status" className={f.status === "completed" ? "text-emerald-800" : "text-amber-800"}>
                {SENT_STATUS[f.status]}{f.submittedAt ? ` ${day.format(f.submittedAt)}` : ""}
              </span>
              {access.canReadNotes ? <Link href={`/clients/${code}/forms/${f.id}` as Route} className="font-semibold text-brand-700 underline" aria-label={`Open answers to ${f.title}`}>Answers</Link> : null}
            </li>
          ))}
        </ul>
      )}
      {maySend ? (
        sendable.length === 0 ? <p className="text-xs text-muted">No published forms to send. {actor.role === "OWNER" ? <Link href={"/forms" as Route} className="font-semibold text-brand-700 underline">Build one</Link> : "The owner builds them in Practice settings."}</p> : (
          <form action={sendFormAction} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="code" value={code} />
            <div className="min-w-48 flex-1">
              <Select label="Send a form to the portal" name="formId" defaultValue={(unsent[0] ?? sendable[0])!.formId}>
                {sendable.map((f) => <option key={f.formId} value={f.formId}>{f.title}</option>)}
              </Select>
            </div>
            <Button type="submit" variant="secondary">Send</Button>
          </form>
        )
      ) : null}
    </section>
  );
}
