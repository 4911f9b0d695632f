import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ContentChecks } from "./chain-walker";

// Hashing is most of a verification's work and each row's hash can be checked on its own, so
// the command line tools spread it over worker threads (verify-thread.ts); the walk itself
// (rows in order, the links between them) stays on the main thread. Kept out of verify.ts so
// the app's server bundle, which verifies in-thread, never meets a worker script.

/** Threads by default: one per core but one, which the main thread and PostgreSQL share. */
export function threadedContentChecks(
  threads = Math.max(1, availableParallelism() - 1),
): ContentChecks & { threads: number; close(): Promise<void> } {
  // The workers load TypeScript through tsx, as the scripts that use them do.
  const script = new URL("./verify-thread.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`;
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(boot, { eval: true }));
  let broken: unknown = null;
  const waiting = new Map<number, { resolve: (failed: [string, number][]) => void; reject: (e: unknown) => void }>();
  for (const worker of workers) {
    worker.on("message", (m: { id: number; failed?: [string, number][]; error?: string }) => {
      const w = waiting.get(m.id)!;
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m.failed!);
    });
    const fail = (error: unknown) => {
      broken ??= error;
      for (const w of waiting.values()) w.reject(broken);
      waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", () => fail(new Error("a hashing thread stopped")));
  }
  let next = 0;
  return {
    threads: workers.length,
    capacity: 4 * workers.length,
    failingRows(rows) {
      const id = next++;
      const bytes = new Uint8Array(rows); // a copy of its own, handed over whole
      return new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, bytes }, [bytes.buffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
