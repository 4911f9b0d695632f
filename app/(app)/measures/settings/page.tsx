import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { crisisText, DEFAULT_CRISIS_TEXT } from "@/lib/measures/crisis";
import { setCrisisTextAction } from "../actions";

export const metadata: Metadata = { title: "Crisis text" };

/** Owners: what clients see in the portal straight after answering a risk question above zero. */
export default async function CrisisTextPage() {
  const actor = await requireActor();
  if (actor.role !== "OWNER") notFound();
  const current = await crisisText(actor.practiceId);
  return (
    <>
      <PageHeader title="What to do in a crisis" description="Clients see this in the portal straight after they answer a risk question above zero (PHQ-9 item 9, CORE-10 item 6). It is never sent by email." />
      <form action={setCrisisTextAction} className="max-w-2xl space-y-4">
        <Textarea label="Crisis text" name="text" rows={8} maxLength={2000} defaultValue={current.text} hint={current.isDefault ? "This is the default, with UK numbers. Change it to your practice's own words and contacts." : "Your practice's own text. One paragraph per line."} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit">Save</Button>
          {current.isDefault ? null : <Button type="submit" name="reset" value="1" variant="secondary">Use the default</Button>}
        </div>
      </form>
      <details className="mt-6 max-w-2xl text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">The default text</summary>
        <div className="mt-2 space-y-1">{DEFAULT_CRISIS_TEXT.split("\n").map((l, i) => <p key={i}>{l}</p>)}</div>
      </details>
    </>
  );
}
