import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { openBoundedZip } from "@/lib/transfer/read-zip";
import { craftZip, deflatedZeros } from "../tests/support/zip-bomb";

// Peak memory of reading a ~200 KB zip bomb (200 MB of zeros in notes.json), with the reader the
// restore used before (unzipSync of every JSON entry, capped by declared sizes at 1 GB) and with
// the bounded reader (lib/transfer/read-zip.ts). Each run is a fresh process: its peak RSS is
// what the server would have paid. Usage: npx tsx scripts/measure-archive-bomb.ts

const MB = 1024 * 1024;

function previousReader(bytes: Uint8Array) {
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (file) => {
      total += file.originalSize;
      if (total > 1024 * MB) throw new Error("archive_too_large");
      return file.name.endsWith(".json");
    },
  });
  for (const file of Object.values(files)) strFromU8(file);
}

function boundedReader(bytes: Uint8Array) {
  const zip = openBoundedZip(bytes);
  for (const name of zip.names) if (name.endsWith(".json")) zip.read(name);
}

const [mode, file] = process.argv.slice(2);
if (mode === "old" || mode === "new") {
  const bytes = new Uint8Array(readFileSync(file!));
  const before = process.memoryUsage().rss;
  let outcome = "read";
  try {
    (mode === "old" ? previousReader : boundedReader)(bytes);
  } catch (error) {
    outcome = `refused (${(error as { code?: string }).code ?? (error as Error).message})`;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ outcome, rssBefore: Math.round(before / MB), peakRss: Math.round(peak / MB) }));
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "bomb-"));
  const bomb = deflatedZeros(200 * MB);
  const manifest = new TextEncoder().encode("{}");
  const variants = {
    "declares its size (200 MB)": 200 * MB,
    "lies about its size (declares 1,000 bytes)": 1000,
  };
  for (const [label, declared] of Object.entries(variants)) {
    const zip = craftZip([
      { name: "manifest.json", method: 0, data: manifest, declared: manifest.length },
      { name: "notes.json", method: 8, data: bomb, declared },
    ]);
    const target = path.join(dir, `${declared}.zip`);
    writeFileSync(target, zip);
    for (const reader of ["old", "new"]) {
      const out = execFileSync("npx", ["tsx", "--conditions=react-server", import.meta.filename, reader, target], { encoding: "utf8" }).trim().split("\n").at(-1)!;
      console.log(`${(zip.length / 1024).toFixed(0)} KB archive, entry ${label}, ${reader === "old" ? "previous" : "bounded"} reader: ${out}`);
    }
  }
}
