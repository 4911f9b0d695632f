// The production web server, one Node.js process per core. Node runs JavaScript on one thread,
// so a single Next.js server uses one core however many the host has; this starts
// WEB_CONCURRENCY workers (default: the cores available to the process) that share the
// listening port through node:cluster, and the primary hands them connections in turn.
// Nothing in the app keeps per-process state that matters between requests (sessions, rate
// limits, step-up, passkey challenges and the audit chain all live in PostgreSQL).
//
//   node cluster.mjs                    runs ./server.js (the standalone build; the Docker image)
//   node cluster.mjs <entry> [args...]  runs another entry, e.g. next's CLI with `start`
//
// A worker that dies after it was serving is replaced. A worker that exits before it ever
// listened (a refused configuration, a missing key) stops the whole server with its exit code,
// instead of restarting in a loop. SIGTERM/SIGINT stop the workers gracefully, then the primary.
// Each worker admits a bounded number of requests at a time and answers page views that waited
// too long with a 503 "busy" page (docker/admission.mjs; WEB_MAX_IN_FLIGHT, WEB_QUEUE_TIMEOUT_MS).
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { admission, admissionSettings } from "./admission.mjs";

const requested = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
const workers = Number.isInteger(requested) && requested >= 1 && requested <= 64 ? requested : 1;

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  const listened = new Set();
  cluster.on("listening", (worker) => listened.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      // With the exit code of a worker that could not start, if that is why we stop.
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listened.has(worker.id)) {
      // It never served: the same would happen to every replacement.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
      process.exitCode = code || 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    console.error(`[confide] web worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    cluster.fork();
  });
  for (const sig of ["SIGTERM", "SIGINT"]) {
    process.on(sig, () => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit();
      for (const worker of alive) worker?.kill(sig);
    });
  }
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  // The server this worker creates (Next's, with one request listener) gets admission control.
  const settings = admissionSettings();
  const createServer = http.createServer;
  http.createServer = function (...args) {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) args[i] = admission(args[i], settings);
    return createServer.apply(this, args);
  };
  const [entry = "server.js", ...args] = process.argv.slice(2);
  const file = path.resolve(process.cwd(), entry);
  process.argv = [process.argv[0], file, ...args];
  await import(pathToFileURL(file).href);
}
