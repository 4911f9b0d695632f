import "server-only";
import { AppError } from "./errors";

// Reading an uploaded file in a route handler: the size limit is enforced while the body
// streams in (a false or missing Content-Length cannot get past it), and the content type and
// first bytes must fit the kind of file expected.

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const KINDS = {
  csv: {
    types: ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"],
    looksRight: (bytes: Uint8Array) => !bytes.subarray(0, 8192).includes(0),
    wrong: "This is not a CSV file. Save the spreadsheet as CSV (comma-separated, UTF-8) and upload that.",
  },
  zip: {
    types: ["application/zip", "application/x-zip-compressed", "application/octet-stream"],
    looksRight: (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04,
    wrong: "This is not a ZIP file. Choose the .zip file Confide's practice export produced.",
  },
} as const;

export async function readUpload(request: Request, kind: keyof typeof KINDS, maxBytes = MAX_UPLOAD_BYTES): Promise<Uint8Array> {
  const spec = KINDS[kind];
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!(spec.types as readonly string[]).includes(type)) throw new AppError("unsupported_type", spec.wrong, 415);
  const tooLarge = new AppError("too_large", `The file is larger than ${maxBytes / 1024 / 1024} MB. Split it into smaller files and upload them one after another.`, 413);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge;
  if (!request.body) throw new AppError("empty_upload", "No file arrived. Choose a file and try again.", 400);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    parts.push(value);
  }
  if (size === 0) throw new AppError("empty_upload", "The file is empty. Choose a file and try again.", 400);
  const bytes = Buffer.concat(parts);
  if (!spec.looksRight(bytes)) throw new AppError("unsupported_type", spec.wrong, 415);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
