import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { FeedError } from "./errors";
import { MAX_RECURRENCE_STEPS, type FeedEvent, type ParseOptions } from "./parse";
import type { WorkerInput, WorkerResult } from "./parse-worker";

// Parses a feed in a worker thread, so a hostile or huge calendar cannot stall the server's
// event loop (health checks, every other request). Budgets: wall time (the worker is
// terminated), recurrence steps (counted in parseFeed) and heap (resourceLimits). Over any of
// them the feed is refused as too_complex and nothing is written.

export interface ParseBudget {
  timeoutMs: number;
  maxSteps: number;
  /** V8 old-generation heap of the worker, in MB. */
  maxHeapMb: number;
}

export const DEFAULT_BUDGET: ParseBudget = { timeoutMs: 15_000, maxSteps: MAX_RECURRENCE_STEPS, maxHeapMb: 256 };
/** Feeds parsed at once; the others wait their turn (each worker may use maxHeapMb). */
const MAX_PARALLEL = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

// In the Next.js server (NEXT_RUNTIME is set) the worker is bundled into its own chunk:
// Turbopack recognises `new Worker(new URL(...))`. Under tsx (job scripts) or vitest this module
// runs from source, and the worker loads the .ts source through tsx's require hook (Node 20
// workers do not inherit tsx's ESM loader).
const here = process.env.NEXT_RUNTIME ? "" : fileURLToPath(import.meta.url);
const source = here.endsWith("parse-off-thread.ts") ? here.replace(/parse-off-thread\.ts$/, "parse-worker.ts") : null;
const fromSource = (file: string) => `require("tsx/cjs/api").register(); require(${JSON.stringify(file)});`;

function runWorker(input: WorkerInput, budget: ParseBudget): Promise<FeedEvent[]> {
  return new Promise<FeedEvent[]>((resolve, reject) => {
    const options: WorkerOptions = {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: budget.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    };
    const worker = source ? new Worker(fromSource(source), { ...options, eval: true }) : new Worker(new URL("./parse-worker.ts", import.meta.url), options);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new FeedError("too_complex"))), budget.timeoutMs);
    worker.once("message", (result: WorkerResult) => settle(() => (result.ok ? resolve(result.events) : reject(new FeedError(result.reason)))));
    worker.once("error", (error: Error & { code?: string }) =>
      // Out of heap is the feed's fault; anything else (a missing worker file) is ours.
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new FeedError("too_complex") : error)),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`Calendar parse worker exited (${code}) without an answer`))));
  });
}

/** parseFeed in a worker thread, within `budget`. Throws FeedError (too_complex when over budget). */
export function parseFeedOffThread(text: string, options: ParseOptions, budget: Partial<ParseBudget> = {}): Promise<FeedEvent[]> {
  const limits = { ...DEFAULT_BUDGET, ...budget };
  return turn(() => runWorker({ text, now: options.now.getTime(), timeZone: options.timeZone, maxSteps: limits.maxSteps }, limits));
}
