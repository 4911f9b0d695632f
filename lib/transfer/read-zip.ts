import { Inflate } from "fflate";
import { AppError } from "@/lib/http/errors";

// Reading an uploaded ZIP within a memory budget (a hostile archive is small and unpacks huge).
// The central directory is read first: too many entries, or declared sizes over the limits,
// refuse the archive before anything is inflated. Then one entry at a time is inflated on
// request, in small slices, counting what comes out: an entry producing more than it declared,
// or the archive more than its budget, stops at once. Only what the caller asks for is inflated.

export const ARCHIVE_LIMITS = {
  /** Files in the archive (a Confide export has about 30). */
  entries: 100,
  /** Unpacked size of any one file. */
  entryBytes: 256 * 1024 * 1024,
  /** Unpacked size of the whole archive, at most… */
  totalBytes: 512 * 1024 * 1024,
  /** …and at most this many times the archive's own size (exports unpack to about 10 times)… */
  ratio: 100,
  /** …though a small archive may always unpack to this much. */
  ratioFloor: 16 * 1024 * 1024,
};
export type ArchiveLimits = typeof ARCHIVE_LIMITS;

/** Compressed bytes fed to the inflater at a time: one step outputs at most ~1,000 times this. */
const SLICE = 4096;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const overLimits = (why: string) => new AppError("archive_over_limits", `This archive ${why}, more than Confide restores in one go. Nothing was imported. Check that it is the .zip file Confide's practice export produced.`, 422);
const malformed = (why: string) => new AppError("archive_malformed", `This archive is damaged: ${why}. Nothing was imported. Export the practice again and upload the new file.`, 422);

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

export interface BoundedZip {
  names: string[];
  /** The entry's bytes, inflated within the limits; null when the archive has no such entry. */
  read: (name: string) => Uint8Array | null;
  /** Bytes inflated so far (what the budget counts). */
  readonly inflatedBytes: number;
}

function endOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535: search backwards from the end.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  throw new AppError("not_zip", "This file is not a ZIP archive. Choose the .zip file Confide's export produced.", 400);
}

function centralDirectory(bytes: Uint8Array, view: DataView, limits: ArchiveLimits): Entry[] {
  const eocd = endOfCentralDirectory(bytes, view);
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw overLimits("uses the ZIP64 format (over 4 GB or 65,535 files)");
  if (count > limits.entries) throw overLimits(`holds ${count} files (at most ${limits.entries})`);
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw malformed("its list of files is cut short or corrupt");
    const nameLength = view.getUint16(p + 28, true);
    const skip = nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (p + 46 + skip > bytes.length) throw malformed("its list of files is cut short or corrupt");
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      declaredSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + skip;
  }
  return entries;
}

/** Opens an archive: refuses it (422) if its directory is over the limits, inflates nothing yet. */
export function openBoundedZip(bytes: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): BoundedZip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(bytes, view, limits);
  const budget = Math.min(limits.totalBytes, Math.max(limits.ratioFloor, limits.ratio * bytes.length));
  let declared = 0;
  for (const e of entries) {
    if (e.declaredSize > limits.entryBytes) throw overLimits(`holds a file that unpacks to ${MB(e.declaredSize)} (at most ${MB(limits.entryBytes)} a file)`);
    declared += e.declaredSize;
  }
  if (declared > budget) throw overLimits(`unpacks to ${MB(declared)} (at most ${MB(budget)} for an archive of this size)`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  let inflated = 0;

  const count = (n: number, entry: Entry, sofar: number) => {
    inflated += n;
    if (sofar > entry.declaredSize) throw overLimits(`holds a file that unpacks to more than the ${entry.declaredSize.toLocaleString("en-GB")} bytes it declares`);
    if (inflated > budget) throw overLimits(`unpacks to more than ${MB(budget)}`);
  };

  const read = (name: string): Uint8Array | null => {
    const entry = byName.get(name);
    if (!entry) return null;
    if (entry.flags & 1) throw malformed("a file in it is encrypted");
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw malformed("a file's header is missing");
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw malformed("a file is cut short");
    const data = bytes.subarray(start, end);
    const out = new Uint8Array(entry.declaredSize);
    let size = 0;
    if (entry.method === 0) {
      count(data.length, entry, data.length);
      out.set(data);
      size = data.length;
    } else if (entry.method === 8) {
      const inflater = new Inflate((chunk) => {
        count(chunk.length, entry, size + chunk.length);
        out.set(chunk, size);
        size += chunk.length;
      });
      try {
        for (let p = 0; p < data.length || p === 0; p += SLICE) inflater.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw malformed("a file's compressed data is corrupt");
      }
    } else {
      throw malformed(`a file uses a compression method (${entry.method}) Confide does not write`);
    }
    if (size !== entry.declaredSize) throw malformed("a file is shorter than it declares");
    return out;
  };

  return {
    names: entries.map((e) => e.name),
    read,
    get inflatedBytes() {
      return inflated;
    },
  };
}
