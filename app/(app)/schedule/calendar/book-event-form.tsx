"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { bookEventAction, type CalendarFormState } from "./actions";

const initial: CalendarFormState = { error: null, values: {} };
type Option = { code: string; display: string };

/** Books one imported event for a client of the clinician's caseload (suggested ones first). */
export function BookEventForm({ id, suggested, others, types, rooms, defaultTypeId }: { id: string; suggested: Option[]; others: Option[]; types: { id: string; name: string }[]; rooms: string[]; defaultTypeId: string }) {
  const [state, action, pending] = useActionState(bookEventAction, initial);
  const v: Record<string, string> = { clientCode: suggested[0]?.code ?? "", typeId: defaultTypeId, ...state.values };
  return (
    <form action={action} className="space-y-3" key={JSON.stringify(state.values)}>
      <input type="hidden" name="id" value={id} />
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-[minmax(15rem,5fr)_3fr_2fr_3fr] sm:items-end">
        <Select label="Client" name="clientCode" defaultValue={v.clientCode} required>
          <option value="">Choose a client</option>
          {suggested.length ? (
            <optgroup label="Suggested (name in the event)">
              {suggested.map((c) => <option key={c.code} value={c.code}>{c.display}</option>)}
            </optgroup>
          ) : null}
          <optgroup label="Your caseload">
            {others.map((c) => <option key={c.code} value={c.code}>{c.display}</option>)}
          </optgroup>
        </Select>
        <Select label="Type" name="typeId" defaultValue={v.typeId}>
          {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </Select>
        <Input label="Fee" name="fee" inputMode="decimal" defaultValue={v.fee ?? ""} placeholder="Type's usual fee" />
        <Select label="Room" name="room" defaultValue={v.room ?? ""}>
          <option value="">No room</option>
          {rooms.map((r) => <option key={r} value={r}>{r}</option>)}
        </Select>
      </div>
      <Button type="submit" disabled={pending}>Book as appointment</Button>
    </form>
  );
}
