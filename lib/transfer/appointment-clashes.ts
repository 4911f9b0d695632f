// Double-booking within an import, without a query per row: each file row is checked against
// the live appointments already booked (binary search per clinician and per room) and against
// the file's earlier-starting rows (one sweep per clinician and per room). Only live rows count:
// a cancelled appointment frees its time. Pure, so it is unit-tested on its own.

export interface FileSlot {
  row: number;
  clinicianId: string;
  room: string | null;
  start: number;
  end: number;
}

export interface BookedSlot {
  clinicianId: string;
  room: string | null;
  startsAt: Date;
  endsAt: Date;
}

export type Clash =
  | { row: number; on: "clinician" | "room"; existing: BookedSlot }
  | { row: number; on: "clinician" | "room"; otherRow: number };

function group<T>(items: T[], keys: (item: T) => (string | null)[]) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      if (key === null) continue;
      const list = out.get(key);
      if (list) list.push(item);
      else out.set(key, [item]);
    }
  }
  return out;
}
const keysOf = (s: { clinicianId: string; room: string | null }) => [`c:${s.clinicianId}`, s.room === null ? null : `r:${s.room}`];
const onOf = (key: string) => (key.startsWith("c:") ? "clinician" : "room");

/** The first clash of each file row (clinician before room), in row order. */
export function findClashes(rows: FileSlot[], existing: BookedSlot[]): Clash[] {
  const found = new Map<number, Clash>();
  const note = (clash: Clash) => {
    const before = found.get(clash.row);
    if (!before || (before.on === "room" && clash.on === "clinician")) found.set(clash.row, clash);
  };

  const booked = group(existing, keysOf);
  for (const list of booked.values()) list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const row of rows) {
    for (const key of keysOf(row)) {
      const list = key ? booked.get(key) : undefined;
      if (!list) continue;
      // Live appointments of one clinician (or room) never overlap, so ends rise with starts:
      // find the first that ends after this row starts, and see whether it starts before it ends.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.endsAt.getTime() > row.start) hi = mid;
        else lo = mid + 1;
      }
      const candidate = list[lo];
      if (candidate && candidate.startsAt.getTime() < row.end) note({ row: row.row, on: onOf(key!), existing: candidate });
    }
  }

  for (const [key, list] of group(rows, keysOf)) {
    list.sort((a, b) => a.start - b.start || a.row - b.row);
    let latest: FileSlot | null = null;
    for (const slot of list) {
      if (latest && slot.start < latest.end) note({ row: slot.row, on: onOf(key), otherRow: latest.row });
      if (!latest || slot.end > latest.end) latest = slot;
    }
  }
  return [...found.values()].sort((a, b) => a.row - b.row);
}
