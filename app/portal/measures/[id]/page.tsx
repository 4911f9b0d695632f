import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { currentPortalClient } from "@/lib/entry/caller";
import { orNotFound } from "@/lib/entry/page";
import { crisisText } from "@/lib/measures/crisis";
import { MEASURES } from "@/lib/measures/definitions";
import { openPendingMeasure } from "@/lib/measures/portal-measures";
import { answerMeasureAction } from "../actions";

export const metadata: Metadata = { title: "Questions from your therapist" };

type Params = { params: Promise<{ id: string }> };

/** One measure on one short page: big tap targets, no script needed, answers kept when saved. */
export default async function AnswerMeasurePage({ params }: Params) {
  const portal = await currentPortalClient();
  if (!portal) redirect("/portal?ended=1");
  if (portal.mustChangePin) redirect("/portal/pin");
  const { id } = await params;
  const form = await orNotFound(() => openPendingMeasure(portal, id));
  const m = MEASURES[form.measure];

  if (form.completed) {
    const crisis = form.risk ? await crisisText(portal.practiceId) : null;
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Thank you</h1>
        <p>Your answers to the {m.name} are sent. Your therapist will see them.</p>
        {crisis ? (
          <section aria-labelledby="crisis-heading" role="alert" className="space-y-2 rounded-lg border-2 border-red-700 bg-red-50 p-4" data-testid="crisis-text">
            <h2 id="crisis-heading" className="text-lg font-semibold text-red-900">If you feel unsafe</h2>
            {crisis.text.split("\n").filter(Boolean).map((line, i) => <p key={i} className="text-red-950">{line}</p>)}
          </section>
        ) : null}
        <Link href="/portal/home" className="inline-flex min-h-12 items-center font-semibold text-brand-700 underline">Back to your portal</Link>
      </div>
    );
  }

  const answers = form.answers;
  return (
    <div className="space-y-6">
      <p><Link href="/portal/home" className="text-sm font-semibold text-brand-700 underline">Back to your portal</Link></p>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{m.name}</h1>
        <p>Your therapist asked you to answer these questions. There are no right or wrong answers. Pick the one that fits best. Your therapist will see your answers.</p>
        <p className="text-sm text-muted">You can save and come back later. Nothing is sent until you press &ldquo;Send my answers&rdquo;.</p>
      </div>
      <form action={answerMeasureAction} className="space-y-5">
        <input type="hidden" name="id" value={form.id} />
        <p className="font-semibold">{m.instruction}</p>
        <ol className="space-y-5">
          {m.items.map((item, i) => (
            <li key={i}>
              <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
                <legend className="px-1 font-medium">
                  <span className="text-muted">{i + 1}.</span> {item}
                </legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {m.options.map((option, value) => (
                    <label key={value} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                      <input type="radio" name={`item${i + 1}`} value={value} defaultChecked={answers?.[i] === value} className="size-5 shrink-0" />
                      <span>{option}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <p className="text-xs text-muted">{m.copyright}</p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button type="submit" name="finish" value="1">Send my answers</Button>
          <Button type="submit" name="finish" value="0" variant="secondary">Save and finish later</Button>
        </div>
      </form>
    </div>
  );
}
