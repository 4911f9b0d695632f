import { Deflate } from "fflate";

// Hand-made ZIP archives for the restore's limits: entries whose declared sizes can lie, and a
// deflate stream built in slices, so a test makes a 200 MB bomb without holding 200 MB itself.

export interface CraftedEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  /** The entry's bytes as stored in the archive (already compressed for method 8). */
  data: Uint8Array;
  /** The unpacked size the archive claims. */
  declared: number;
}

/** Deflates `total` zero bytes, fed in 1 MB slices: about 1 KB of output per MB. */
export function deflatedZeros(total: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const slice = new Uint8Array(1024 * 1024);
  for (let done = 0; done < total; done += slice.length) deflater.push(slice.subarray(0, Math.min(slice.length, total - done)), done + slice.length >= total);
  return Buffer.concat(parts);
}

export function craftZip(entries: CraftedEntry[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(e.method, 8);
    header.writeUInt32LE(e.data.length, 18);
    header.writeUInt32LE(e.declared, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, Buffer.from(e.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, dirBytes, end]));
}
