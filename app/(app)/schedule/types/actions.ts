"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { changeAppointmentType, createAppointmentType, deleteAppointmentType, moveAppointmentType, setAppointmentTypeArchived } from "@/lib/schedule/manage-types";
import { formText } from "@/lib/entry/form";

export type TypeFormState = { error: string | null; values: Record<string, string> };

const PAGE = "/schedule/types";
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));

/** Adds a type (no id) or saves one (with its id); on a problem the form keeps what was typed. */
export const saveTypeAction = memberAction(
  { failure: (message, formData): TypeFormState => ({ error: message, values: fields(formData) }) },
  async ({ actor, audit }, _prev: TypeFormState, formData: FormData): Promise<TypeFormState> => {
    const values = fields(formData);
    const id = values.id ?? "";
    const saved = id ? await changeAppointmentType(actor, id, values, audit) : await createAppointmentType(actor, values, audit);
    await flash(id ? `${saved.name} saved.` : `${saved.name} added. It is offered when booking.`);
    redirect(PAGE);
  },
);

/** The list's small buttons: move, archive, bring back, delete. The outcome is a flash. */
export const typeCommandAction = memberAction({ back: () => PAGE }, async ({ actor, audit }, formData: FormData) => {
  const id = formText(formData, "id");
  const command = formText(formData, "command");
  if (command === "up" || command === "down") {
    await moveAppointmentType(actor, id, command, audit);
  } else if (command === "archive" || command === "unarchive") {
    const type = await setAppointmentTypeArchived(actor, id, command === "archive", audit);
    return command === "archive" ? `${type.name} archived: it is no longer offered for new bookings.` : `${type.name} can be booked again.`;
  } else if (command === "delete") {
    await deleteAppointmentType(actor, id, audit);
    return "Type deleted.";
  }
});
