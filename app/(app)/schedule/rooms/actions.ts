"use server";

import { memberAction } from "@/lib/entry/action";
import { formText } from "@/lib/entry/form";
import { createRoom, setRoomArchived } from "@/lib/schedule/rooms";

const PAGE = "/schedule/rooms";
const roles = ["OWNER", "MANAGER"] as const;

export const addRoomAction = memberAction({ back: () => PAGE, roles }, async ({ actor, audit }, formData: FormData) => {
  const room = await createRoom(actor, { name: formText(formData, "name") }, audit);
  return `${room.name} added. It is offered when booking.`;
});

export const roomArchiveAction = memberAction({ back: () => PAGE, roles }, async ({ actor, audit }, formData: FormData) => {
  const archive = formText(formData, "command") === "archive";
  const room = await setRoomArchived(actor, formText(formData, "id"), archive, audit);
  return archive ? `${room.name} archived: no longer offered for new bookings.` : `${room.name} is offered for bookings again.`;
});
