"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { APPOINTMENT_TYPES, TYPE_LABEL } from "@/lib/schedule/schema";
import { saveTypeAction, type TypeFormState } from "./actions";

const initial: TypeFormState = { error: null, values: {} };

interface Props {
  /** The type being edited; none for "add a type". */
  type?: { id: string; name: string; category: string; durationMinutes: number; fee: string };
  /** The practice currency's symbol, for the fee's label ("£", "€"). */
  currency: string;
}

export function TypeForm({ type, currency }: Props) {
  const [state, action, pending] = useActionState(saveTypeAction, initial);
  const v: Record<string, string> = {
    name: type?.name ?? "",
    category: type?.category ?? "SESSION",
    durationMinutes: String(type?.durationMinutes ?? 50),
    fee: type?.fee ?? "",
    ...state.values,
  };
  return (
    <form action={action} className="space-y-4" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      {type ? <input type="hidden" name="id" value={type.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Name" name="name" maxLength={60} defaultValue={v.name} required hint="As people see it, e.g. Couples session." />
        <Select label="Category" name="category" defaultValue={v.category} hint="For reports and billing.">
          {APPOINTMENT_TYPES.map((c) => (
            <option key={c} value={c}>{TYPE_LABEL[c]}</option>
          ))}
        </Select>
        <Input label="Usual length (minutes)" name="durationMinutes" type="number" min={5} max={720} step={5} defaultValue={v.durationMinutes} required hint="From 5 minutes to 12 hours." />
        <Input label={`Usual fee (${currency})`} name="fee" inputMode="decimal" defaultValue={v.fee} hint="For example 60 or 62.50. Leave empty for no fee." />
      </div>
      <Button type="submit" variant={type ? "secondary" : "primary"} disabled={pending}>{pending ? "Saving…" : type ? "Save changes" : "Add type"}</Button>
    </form>
  );
}
