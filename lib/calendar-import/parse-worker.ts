import { parentPort, workerData } from "node:worker_threads";
import { FeedError } from "./errors";
import { parseFeed } from "./parse";

// Worker-thread entry (started by parse-off-thread.ts): parses one feed and posts the events or
// the reason it was refused. Only a FeedError's reason crosses back, never the feed's text.

export type WorkerInput = { text: string; now: number; timeZone: string; maxSteps: number };
export type WorkerResult = { ok: true; events: ReturnType<typeof parseFeed> } | { ok: false; reason: FeedError["reason"] };

const input = workerData as WorkerInput;
let result: WorkerResult;
try {
  result = { ok: true, events: parseFeed(input.text, { now: new Date(input.now), timeZone: input.timeZone, maxSteps: input.maxSteps }) };
} catch (error) {
  result = { ok: false, reason: error instanceof FeedError ? error.reason : "not_icalendar" };
}
parentPort?.postMessage(result);
