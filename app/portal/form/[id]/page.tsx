import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { currentPortalClient } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { openOwnForm } from "@/lib/forms/portal-forms";
import { FORM_LIMITS, pageFields, submitProblem } from "@/lib/forms/schema";
import { submitFormAction } from "../actions";
import { FormPage } from "./form-page";

export const metadata: Metadata = { title: "Your form" };

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

export default async function PortalFormPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; step?: string }> }) {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  if (portal.mustChangePin) redirect("/portal/pin");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const form = await orNotFound(() => openOwnForm(portal, id));
  const requested = Number.parseInt(query.page ?? "", 10);
  const page = Number.isInteger(requested) && requested >= 0 && requested < form.pages ? requested : form.resumePage;
  const sending = query.step === "send" && !form.submittedAt;
  const problem = sending ? submitProblem(form.fields, form.answers, form.consents) : null;
  const first = page * FORM_LIMITS.perPage + 1;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-muted"><Link href="/portal/home" className="underline">Your portal</Link> / form</p>
        <h1 className="text-2xl font-semibold tracking-tight">{form.title}</h1>
        {form.submittedAt ? null : <p className="text-muted">{sending ? "Last step" : `Page ${page + 1} of ${form.pages}`}</p>}
      </div>
      {form.submittedAt ? (
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">You sent this form to the practice on {day.format(form.submittedAt)}. Thank you. If something needs changing, tell your therapist.</p>
      ) : sending ? (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          {problem ? (
            <>
              <p role="alert" className="font-medium text-red-800">{problem}</p>
              <Link href={`/portal/form/${form.id}?page=${form.resumePage}`} className="font-semibold text-brand-700 underline">Go back to the questions</Link>
            </>
          ) : (
            <>
              <p>You have answered the questions. When you send the form, the practice can read it and you can no longer change it here.</p>
              <form action={submitFormAction} className="flex flex-col gap-3 sm:flex-row">
                <input type="hidden" name="formId" value={form.id} />
                <Button type="submit" className="w-full sm:w-auto">Send to the practice</Button>
                <Link href={`/portal/form/${form.id}?page=0`} className="self-center font-semibold text-brand-700 underline">Check my answers first</Link>
              </form>
            </>
          )}
        </div>
      ) : (
        <FormPage formId={form.id} page={page} first={first} fields={pageFields(form.fields, page).map((f, i) => ({ ...f, number: first + i }))} answers={form.answers} consents={form.consents} />
      )}
    </div>
  );
}
