import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { POOL_CONNECT_TIMEOUT_MS } from "./unavailable";

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  // We hand Prisma the pool (it ends it on $disconnect) so hot paths can borrow it: see poolOf.
  // A request waits at most POOL_CONNECT_TIMEOUT_MS for a connection (all busy, or the server
  // restarting), then fails as "unavailable" (a 503 with Retry-After) instead of queueing forever.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS });
  // An idle connection that drops (a server restart) leaves the pool, which opens another: not
  // a reason to crash the process. Prisma listens the same way, but only once it has connected.
  pool.on("error", () => {});
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * The pg pool under a client from createPrismaClient, while it is open. For a hot statement
 * that needs no Prisma transaction (one audit append costs ~0.1 ms on it, several times that
 * through Prisma's raw query path); the connections are the client's own, so none are added.
 */
export function poolOf(client: PrismaClient): pg.Pool | undefined {
  const pool = pools.get(client);
  return pool && !pool.ended && !pool.ending ? pool : undefined;
}
