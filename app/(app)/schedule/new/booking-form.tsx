"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { bookAction, type BookingState } from "../actions";
import { TypeFields, type TypeOption } from "./type-fields";

const initial: BookingState = { error: null, values: {} };

interface Props {
  clients: { code: string; label: string | null }[];
  clinicians: { id: string; name: string }[];
  types: TypeOption[];
  rooms: string[];
  defaultTypeId: string | undefined;
  /** Filled in from the link that opened the form (a calendar slot, "book the next one"). */
  defaults: Record<string, string>;
}

export function BookingForm({ clients, clinicians, types, rooms, defaultTypeId, defaults }: Props) {
  const [state, action, pending] = useActionState(bookAction, initial);
  const v: Record<string, string> = { time: "10:00", repeat: "NONE", count: "6", ...defaults, ...state.values };
  const typeValues = state.values.typeId !== undefined ? state.values : defaults.durationMinutes ? { durationMinutes: defaults.durationMinutes } : {};
  return (
    <form action={action} className="max-w-2xl space-y-6" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label="Client" name="clientCode" defaultValue={v.clientCode} required>
          <option value="">Choose a client</option>
          {clients.map((c) => (
            <option key={c.code} value={c.code}>{c.label ? `${c.code} (${c.label})` : c.code}</option>
          ))}
        </Select>
        <Select label="Clinician" name="clinicianId" defaultValue={v.clinicianId} required>
          <option value="">Choose a clinician</option>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </Select>
        <Input label="Date" name="date" type="date" defaultValue={v.date} required />
        <Input label="Start time" name="time" type="time" step={300} defaultValue={v.time} required />
        <TypeFields types={types} defaultTypeId={defaultTypeId} values={typeValues} />
        <Select label="Room (optional)" name="room" defaultValue={v.room ?? ""} hint={rooms.length > 0 ? "A room is never double-booked." : "The practice has no rooms listed yet (owners and managers add them under Rooms)."}>
          <option value="">No room</option>
          {rooms.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </Select>
        <Input label="Online link (optional)" name="onlineLink" type="url" maxLength={500} defaultValue={v.onlineLink} hint="Instead of a room, e.g. https://…" />
      </div>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold">Repeat</legend>
        <div className="flex flex-wrap gap-4">
          {[["NONE", "Just once"], ["WEEKLY", "Every week"], ["FORTNIGHTLY", "Every two weeks"]].map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="repeat" value={value} defaultChecked={v.repeat === value} className="size-5" />
              {label}
            </label>
          ))}
        </div>
        <div className="max-w-48">
          <Input label="Number of appointments" name="count" type="number" min={1} max={52} defaultValue={v.count} hint="For a series, up to 52." />
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "Booking…" : "Book"}</Button>
    </form>
  );
}
