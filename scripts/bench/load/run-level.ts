// One level: autocannon drives `connections` members through the mix (or one request type of it),
// paced or not, and the figures come back with the CPU each side used meanwhile.
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

export async function run({ server, prisma }: Target, users: User[], connections: number, paced: boolean, only: Kind | null, duration = seconds): Promise<Result> {
  // Each connection is one member (its own cookie and draft), assigned on its first request.
  let next = 0;
  const template = routes(users[0]!).filter((s) => !only || s.kind === only);
  const requests = template.map((step, i) => ({
    method: step.method,
    path: step.path,
    setupRequest: (req: autocannon.Request, context: Ctx) => {
      if (!context.user) {
        context.user = users[next++ % users.length]!;
      }
      const mine = routes(context.user, context).filter((s) => !only || s.kind === only)[i]!;
      return { ...req, path: mine.path, headers: { cookie: context.user.cookie, origin, "content-type": "application/json", accept: "text/html,application/json" }, body: mine.body?.() };
    },
    onResponse: (status: number, body: string, context: Ctx) => {
      if (step.kind === "autosave" && status === 200) context.revision = (JSON.parse(body) as { revision: number }).revision;
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
    ...(paced ? { connectionRate: 1 } : {}),
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

/** A new autocannon run starts with fresh contexts at revision 0: bring every draft back to 0. */
async function resetRevisions(prisma: PrismaClient, users: User[]) {
  await prisma.note.updateMany({ where: { id: { in: users.map((u) => u.draft.id) } }, data: { revision: 0 } });
}
