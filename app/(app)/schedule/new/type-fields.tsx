"use client";

import { useState } from "react";
import { Input, Select } from "@/components/ui/field";

export interface TypeOption {
  id: string;
  name: string;
  durationMinutes: number;
  /** The default fee as the form shows it ("60.00"), or "" for none. */
  fee: string;
}

interface Props {
  types: TypeOption[];
  /** The type chosen at first (the practice's first session type). */
  defaultTypeId: string | undefined;
  /** What the form last sent (after an error), else empty: those values are the user's own. */
  values: Record<string, string>;
}

/**
 * Type, length and fee: choosing a type fills in its default length and fee, but never
 * replaces a value the user typed themselves.
 */
export function TypeFields({ types, defaultTypeId, values }: Props) {
  const initialType = types.find((t) => t.id === (values.typeId ?? defaultTypeId)) ?? types[0];
  const [typeId, setTypeId] = useState(initialType?.id ?? "");
  const [duration, setDuration] = useState(values.durationMinutes ?? String(initialType?.durationMinutes ?? 50));
  const [fee, setFee] = useState(values.fee ?? initialType?.fee ?? "");
  // After an error the values came back from the user: keep them.
  const [typed, setTyped] = useState({ duration: values.durationMinutes !== undefined, fee: values.fee !== undefined });

  function chooseType(id: string) {
    setTypeId(id);
    const type = types.find((t) => t.id === id);
    if (!type) return;
    if (!typed.duration) setDuration(String(type.durationMinutes));
    if (!typed.fee) setFee(type.fee);
  }

  return (
    <>
      <Select label="Type" name="typeId" value={typeId} onChange={(e) => chooseType(e.target.value)} required hint="Sets the usual length and fee; you can change them.">
        {types.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
      </Select>
      <Input
        label="Length (minutes)"
        name="durationMinutes"
        type="number"
        min={5}
        max={720}
        step={5}
        value={duration}
        onChange={(e) => {
          setDuration(e.target.value);
          setTyped((t) => ({ ...t, duration: true }));
        }}
        required
        hint="From 5 minutes to 12 hours."
      />
      <Input
        label="Fee"
        name="fee"
        inputMode="decimal"
        value={fee}
        onChange={(e) => {
          setFee(e.target.value);
          setTyped((t) => ({ ...t, fee: true }));
        }}
        hint="For example 60 or 62.50; 0 for no fee. Left empty, the type's usual fee applies."
      />
    </>
  );
}
