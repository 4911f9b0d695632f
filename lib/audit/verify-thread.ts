import { parentPort } from "node:worker_threads";
import { RowContent } from "./row-content";

// A worker of verify-threads.ts: checks the content of the rows it is sent.
const content = new RowContent();
parentPort!.on("message", ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, failed: content.failingRows(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) });
  } catch (error) {
    parentPort!.postMessage({ id, error: String(error) });
  }
});
