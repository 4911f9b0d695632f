import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { penceToDecimal } from "@/lib/schedule/money";
import { practiceConventions } from "@/lib/practice/conventions";
import { currencySymbol, formatMoney } from "@/lib/practice/locale";
import { TYPE_LABEL } from "@/lib/schedule/schema";
import { appointmentTypesToManage, mayManageAppointmentTypes } from "@/lib/schedule/manage-types";
import { typeCommandAction } from "./actions";
import { TypeForm } from "./type-form";

export const metadata: Metadata = { title: "Appointment types" };

function Command({ id, command, label, srLabel, variant = "ghost", disabled }: { id: string; command: string; label: string; srLabel: string; variant?: "ghost" | "secondary" | "danger"; disabled?: boolean }) {
  return (
    <form action={typeCommandAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="command" value={command} />
      <Button type="submit" variant={variant} className="min-h-9 px-2 py-1" disabled={disabled} aria-label={srLabel}>{label}</Button>
    </form>
  );
}

export default async function AppointmentTypesPage() {
  const actor = await requireActor();
  if (!mayManageAppointmentTypes(actor)) redirect("/schedule");
  const [types, money] = await Promise.all([appointmentTypesToManage(actor), practiceConventions(actor.practiceId)]);
  return (
    <>
      <PageHeader
        title="Appointment types"
        description="The types offered when booking, in this order. Each has a usual length and fee that a booking starts from. A type that has appointments can be archived but not deleted."
      />
      <section aria-labelledby="types-heading" className="space-y-3">
        <h2 id="types-heading" className="sr-only">Types</h2>
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {types.map((t, i) => {
            const count = t.appointments;
            return (
              <li key={t.id} className="space-y-2 px-4 py-3" data-type={t.name}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  <div className="min-w-48 flex-1">
                    <p className="font-semibold">
                      {t.name}
                      {t.archivedAt ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-ink">Archived</span> : null}
                    </p>
                    <p className="text-sm text-muted">
                      {TYPE_LABEL[t.category]} · {t.durationMinutes} minutes · {t.feePence ? formatMoney(t.feePence, money) : "no fee"} ·{" "}
                      {count === 0 ? "not used yet" : count === 1 ? "1 appointment" : `${count.toLocaleString(money.locale)} appointments`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1">
                    <Command id={t.id} command="up" label="↑" srLabel={`Move ${t.name} up`} disabled={i === 0} />
                    <Command id={t.id} command="down" label="↓" srLabel={`Move ${t.name} down`} disabled={i === types.length - 1} />
                    {t.archivedAt ? (
                      <Command id={t.id} command="unarchive" label="Bring back" srLabel={`Bring back ${t.name}`} variant="secondary" />
                    ) : (
                      <Command id={t.id} command="archive" label="Archive" srLabel={`Archive ${t.name}`} variant="secondary" />
                    )}
                    {t.deletable ? <Command id={t.id} command="delete" label="Delete" srLabel={`Delete ${t.name}`} variant="secondary" /> : null}
                  </div>
                </div>
                <details className="group">
                  <summary className="inline-flex min-h-9 cursor-pointer items-center text-sm font-semibold text-brand-700 underline">Edit {t.name}</summary>
                  <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-4">
                    <TypeForm type={{ id: t.id, name: t.name, category: t.category, durationMinutes: t.durationMinutes, fee: t.feePence ? penceToDecimal(t.feePence) : "" }} currency={currencySymbol(money)} />
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="add-heading" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="add-heading" className="text-lg font-semibold">Add a type</h2>
        <TypeForm currency={currencySymbol(money)} />
      </section>
    </>
  );
}
