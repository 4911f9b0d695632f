// Is this error "the database cannot take the request right now" (down, restarting, or every
// pooled connection busy past the wait budget), as opposed to a bug or bad input? Such a
// request changed nothing (its transaction never started or was rolled back by the server), so
// the caller may safely try again: route handlers answer 503 with Retry-After.

/** How long a request waits for a pooled connection before it is refused with a 503. */
export const POOL_CONNECT_TIMEOUT_MS = 5_000;
/** What a 503 tells the client to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

// pg's own messages (pool wait exceeded, socket gone) and PostgreSQL's SQLSTATEs for
// shutdown/startup/too many connections; Prisma's codes for unreachable server and a
// transaction that could not start in time (its pool wait).
const MESSAGES = [/timeout exceeded when trying to connect/i, /connection terminated/i, /Connection terminated unexpectedly/i, /Unable to start a transaction in the given time/i, /Client has encountered a connection error/i, /the database system is (starting up|shutting down|in recovery mode)/i, /terminating connection due to administrator command/i];
const CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300", "P1001", "P1017", "P2028"]);
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as { message?: unknown; code?: unknown; kind?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown; errors?: unknown };
    if (typeof o.message === "string" && MESSAGES.some((m) => m.test(o.message as string))) return true;
    if (typeof o.code === "string" && CODES.has(o.code)) return true;
    if (typeof o.originalCode === "string" && CODES.has(o.originalCode)) return true;
    if (typeof o.kind === "string" && KINDS.has(o.kind)) return true;
    queue.push(o.cause, o.meta);
    if (Array.isArray(o.errors)) queue.push(...o.errors);
    if (o.meta && typeof o.meta === "object") queue.push((o.meta as { driverAdapterError?: unknown }).driverAdapterError);
  }
  return false;
}
