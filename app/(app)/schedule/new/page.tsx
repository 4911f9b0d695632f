import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { isClinician } from "@/lib/clients/access";
import { formatClientCode } from "@/lib/clients/code";
import { bookableClients, practiceClinicians, practiceTimeZone } from "@/lib/schedule/access";
import { penceToDecimal } from "@/lib/schedule/money";
import { bookingPrefill } from "@/lib/schedule/prefill";
import { bookableRoomNames } from "@/lib/schedule/rooms";
import { toLocal } from "@/lib/schedule/time";
import { defaultBookingType, listAppointmentTypes } from "@/lib/schedule/types";
import { BookingForm } from "./booking-form";

export const metadata: Metadata = { title: "Book appointment" };

export default async function NewAppointmentPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const timeZone = await practiceTimeZone(actor.practiceId);
  const clients = (await bookableClients(actor)).map((c) => ({ code: formatClientCode(c.code), label: c.label }));
  const clinicians = await practiceClinicians(actor.practiceId);
  const practiceTypes = await listAppointmentTypes(actor.practiceId);
  const types = practiceTypes.map((t) => ({ id: t.id, name: t.name, durationMinutes: t.durationMinutes, fee: t.feePence ? penceToDecimal(t.feePence) : "" }));
  const rooms = await bookableRoomNames(actor.practiceId);
  const prefill = bookingPrefill(params, { today: toLocal(new Date(), timeZone).date, clinicians, types, rooms });
  return (
    <>
      <PageHeader title="Book appointment" description={`Times are in ${timeZone.replace("_", " ")} time. A series keeps the same local time when the clocks change.`} />
      <BookingForm
        clients={clients}
        clinicians={clinicians}
        types={types}
        rooms={rooms}
        defaultTypeId={prefill.typeId ?? defaultBookingType(practiceTypes)}
        defaults={{ ...prefill.values, clinicianId: prefill.values.clinicianId ?? (isClinician(actor) ? actor.membershipId : "") }}
      />
    </>
  );
}
