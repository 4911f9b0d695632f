"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { changeAppointmentType, createAppointmentType, deleteAppointmentType, moveAppointmentType, setAppointmentTypeArchived } from "@/lib/schedule/manage-types";

export type TypeFormState = { error: string | null; values: Record<string, string> };

const text = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));

/** Adds a type (no id) or saves one (with its id); on a problem the form keeps what was typed. */
export async function saveTypeAction(_prev: TypeFormState, formData: FormData): Promise<TypeFormState> {
  const actor = await requireActor();
  const values = fields(formData);
  const id = values.id ?? "";
  let saved;
  try {
    saved = id ? await changeAppointmentType(actor, id, values, await requestAuditContext()) : await createAppointmentType(actor, values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(id ? `${saved.name} saved.` : `${saved.name} added. It is offered when booking.`);
  redirect("/schedule/types");
}

/** The list's small buttons: move, archive, bring back, delete. The outcome is a flash. */
export async function typeCommandAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  const command = text(formData, "command");
  try {
    const context = await requestAuditContext();
    if (command === "up" || command === "down") {
      await moveAppointmentType(actor, id, command, context);
    } else if (command === "archive" || command === "unarchive") {
      const type = await setAppointmentTypeArchived(actor, id, command === "archive", context);
      await flash(command === "archive" ? `${type.name} archived: it is no longer offered for new bookings.` : `${type.name} can be booked again.`);
    } else if (command === "delete") {
      await deleteAppointmentType(actor, id, context);
      await flash("Type deleted.");
    }
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/schedule/types");
}
