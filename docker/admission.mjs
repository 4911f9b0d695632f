// Admission control for a web worker: at most WEB_MAX_IN_FLIGHT requests are worked on at once;
// the rest wait their turn in order. A page view (GET/HEAD) that has waited WEB_QUEUE_TIMEOUT_MS
// is answered "busy" (503 with Retry-After, a page that tries again by itself) instead of
// piling onto a server that cannot keep up: without this, an overloaded worker starts every
// request at once, each waits for one of the pool's database connections, and the slowest
// fail as 500s or time out in the browser. Requests that carry what someone typed (anything but
// GET/HEAD: autosaves, form posts) are never turned away here: they go to the front of the
// queue and wait as long as it takes. Health checks and static files skip the queue.
//
// Plain Node (no dependencies): docker/cluster.mjs installs it in each worker before loading
// the server, wrapping the request listener of the HTTP server the worker creates.

/** Reads the limits from the environment; bad values fall back to the defaults. */
export function admissionSettings(env = process.env) {
  const int = (raw, fallback, min, max) => {
    const n = Number(raw);
    return raw !== undefined && raw !== "" && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  return {
    // About the database pool's size per worker (10): a page render holds a connection most of its time.
    limit: int(env.WEB_MAX_IN_FLIGHT, 10, 1, 1_000),
    queueTimeoutMs: int(env.WEB_QUEUE_TIMEOUT_MS, 8_000, 100, 120_000),
    maxQueue: int(env.WEB_MAX_QUEUE, 2_000, 1, 100_000),
  };
}

// Served before the app (no nonce, no stylesheet): a self-contained page, its own tight policy.
const BUSY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5"><title>Confide is busy</title>
<style>body{margin:0;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f8fafc;color:#1e293b}main{max-width:32rem;margin:15vh auto 0;padding:0 1.5rem}h1{font-size:1.5rem;color:#115e59;margin:0 0 .75rem}p{line-height:1.5;margin:0 0 .75rem}</style></head>
<body><main><h1>Confide is busy</h1><p>Too many requests are being served at the moment. This page will try again by itself in a few seconds.</p><p>Nothing you saved has been lost.</p></main></body></html>\n`;
const BUSY_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const RETRY_AFTER_SECONDS = 5;

/** Requests that never wait: the operator's health check and the build's static files. */
export function skipsQueue(url = "") {
  return url === "/api/health" || url.startsWith("/api/health?") || url.startsWith("/_next/static/") || url === "/favicon.ico";
}

function busy(req, res) {
  if (res.headersSent || res.destroyed) return;
  const wantsHtml = /text\/html/.test(req.headers.accept ?? "");
  res.writeHead(503, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "Content-Type": wantsHtml ? "text/html; charset=utf-8" : "application/json",
    ...(wantsHtml ? { "Content-Security-Policy": BUSY_PAGE_POLICY, "X-Content-Type-Options": "nosniff" } : {}),
  });
  res.end(wantsHtml ? BUSY_PAGE : JSON.stringify({ error: { code: "busy", message: "Confide is busy. Try again in a few seconds." } }));
}

/**
 * Wraps a request listener with the limits above. `stats()` tells how many requests are being
 * worked on and waiting (for tests and logs).
 */
export function admission(listener, settings = admissionSettings()) {
  const { limit, queueTimeoutMs, maxQueue } = settings;
  let inFlight = 0;
  /** Waiting requests, oldest first; writes are put ahead of every waiting read. */
  const queue = [];

  const run = (req, res) => {
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      next();
    };
    res.once("close", finish);
    res.once("finish", finish);
    try {
      const result = listener(req, res);
      if (result && typeof result.catch === "function") result.catch(() => {});
    } catch {
      finish();
    }
  };

  const next = () => {
    while (inFlight < limit && queue.length > 0) {
      const waiting = queue.shift();
      clearTimeout(waiting.timer);
      // Whoever gave up waiting (closed the connection) is not served.
      if (waiting.req.socket?.destroyed) continue;
      run(waiting.req, waiting.res);
    }
  };

  const handler = (req, res) => {
    if (skipsQueue(req.url) || inFlight < limit) return run(req, res);
    const isRead = req.method === "GET" || req.method === "HEAD";
    if (isRead && queue.length >= maxQueue) return busy(req, res);
    const waiting = { req, res, timer: undefined };
    if (isRead) {
      waiting.timer = setTimeout(() => {
        const i = queue.indexOf(waiting);
        if (i >= 0) queue.splice(i, 1);
        busy(req, res);
      }, queueTimeoutMs);
      queue.push(waiting);
    } else {
      // Ahead of every waiting read, behind the writes already waiting.
      const firstRead = queue.findIndex((w) => w.timer !== undefined);
      queue.splice(firstRead === -1 ? queue.length : firstRead, 0, waiting);
    }
  };
  handler.stats = () => ({ inFlight, waiting: queue.length });
  return handler;
}
