import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/entry/caller";
import { listRooms, mayManageRooms } from "@/lib/schedule/rooms";
import { addRoomAction, roomArchiveAction } from "./actions";

export const metadata: Metadata = { title: "Rooms" };

export default async function RoomsPage() {
  const actor = await requireActor();
  if (!mayManageRooms(actor)) redirect("/schedule");
  const rooms = await listRooms(actor.practiceId);
  return (
    <>
      <PageHeader
        title="Rooms"
        description="The practice's rooms, offered when booking and moving appointments. A room is never double-booked. Archiving a room stops it being offered; appointments already in it keep it. Online appointments need no room: give their link instead."
      />
      <section aria-labelledby="rooms-heading" className="space-y-3">
        <h2 id="rooms-heading" className="text-lg font-semibold">Rooms</h2>
        {rooms.length === 0 ? (
          <p className="text-muted">No rooms yet. Add the first one below.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {rooms.map((r) => (
              <li key={r.id} data-room={r.name} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <p className="font-semibold">
                  {r.name}
                  {r.archivedAt ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-ink">Archived</span> : null}
                </p>
                <form action={roomArchiveAction}>
                  <input type="hidden" name="id" value={r.id} />
                  <input type="hidden" name="command" value={r.archivedAt ? "restore" : "archive"} />
                  <Button type="submit" variant="secondary" aria-label={r.archivedAt ? `Bring back ${r.name}` : `Archive ${r.name}`}>
                    {r.archivedAt ? "Bring back" : "Archive"}
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-room" className="mt-8 max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="add-room" className="text-lg font-semibold">Add a room</h2>
        <form action={addRoomAction} className="space-y-3">
          <Input label="Room name" name="name" required maxLength={80} hint="For example Garden room or Room 2. Not a person's name." />
          <Button type="submit">Add room</Button>
        </form>
      </section>
    </>
  );
}
