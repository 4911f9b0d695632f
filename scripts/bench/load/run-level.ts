// One unpaced level: autocannon drives `connections` members through the mix (or one request type
// of it), each sending the next request as soon as the last answers, and the figures come back
// with the CPU each side used meanwhile.
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { cpuBetween, cpuSample } from "./cpu";
import { routes, type Ctx, type Kind, type User } from "./mix";
import { origin, seconds } from "./options";
import { drained } from "./server";

/** What a level runs against: the server (whose processes are timed) and the bench database. */
export interface Target {
  server: ChildProcess;
  prisma: PrismaClient;
}

export interface Result {
  requests: number;
  rps: number;
  latencies: number[];
  failures: number;
  timeouts: number;
  socketErrors: number;
  byStatus: Map<number, number>;
  cpu: { app: number; db: number; generator: number; machine: number };
}

/**
 * One autocannon level. autocannon clears a connection's context each time it starts the list of
 * requests again, so the member and their draft's revision live here, not in the context: a
 * connection takes a free member when it starts the list and gives them back after its last
 * request (no member is on two connections at once), and each member's revision survives.
 */
export async function run({ server, prisma }: Target, users: User[], connections: number, only: Kind | null, duration = seconds): Promise<Result> {
  const free = [...users];
  const state = new Map<User, Ctx>(users.map((u) => [u, {}]));
  const template = routes(users[0]!).filter((s) => !only || s.kind === only);
  const last = template.length - 1;
  const requests = template.map((step, i) => ({
    method: step.method,
    path: step.path,
    setupRequest: (req: autocannon.Request, context: { user?: User }) => {
      context.user ??= free.shift() ?? users[Math.floor(Math.random() * users.length)]!;
      const mine = routes(context.user, state.get(context.user)).filter((s) => !only || s.kind === only)[i]!;
      return { ...req, path: mine.path, headers: { cookie: context.user.cookie, origin, "content-type": "application/json", accept: "text/html,application/json" }, body: mine.body?.() };
    },
    onResponse: (status: number, body: string, context: { user?: User }) => {
      if (step.kind === "autosave" && status === 200) state.get(context.user!)!.revision = (JSON.parse(body) as { revision: number }).revision;
      if (i === last && context.user) free.push(context.user);
    },
  }));
  const latencies: number[] = [];
  const byStatus = new Map<number, number>();
  const before = await cpuSample(server.pid);
  const started = performance.now();
  let finished!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finished = resolve), (failed = reject)));
  const instance = autocannon({
    url: origin,
    connections,
    duration,
    timeout: 10,
    requests: requests as unknown as autocannon.Request[],
    initialContext: {},
  }, (error, r) => (error ? failed(error) : finished(r)));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    byStatus.set(statusCode, (byStatus.get(statusCode) ?? 0) + 1);
  });
  const result = await done;
  const elapsed = (performance.now() - started) / 1000;
  const after = await cpuSample(server.pid);
  await resetRevisions(prisma, users);
  await drained();
  // autocannon counts a timeout as an error too.
  const failures = result.errors + [...byStatus].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
  const cpu = cpuBetween(before, after);
  return { requests: latencies.length, rps: latencies.length / elapsed, latencies, failures, timeouts: result.timeouts, socketErrors: result.errors - result.timeouts, byStatus, cpu };
}

/** Every level starts its members at revision 0: bring every draft back to 0. */
export async function resetRevisions(prisma: PrismaClient, users: User[]) {
  await prisma.note.updateMany({ where: { id: { in: users.map((u) => u.draft.id) } }, data: { revision: 0 } });
}
