// Paced levels: virtual members who wait between requests as people do, each on its own
// keep-alive connection (node:http), each starting at a random point of its own routine so that
// their requests are spread over time instead of arriving together.
//
// Why not autocannon here (it still drives the unpaced levels): its rate limit lets every
// connection send its requests at the start of each second, so 200 paced connections arrive as
// one burst of 200 every second, which no population of browsers does; the queue that burst
// builds was most of the latency the earlier "paced" figures reported.
//
// Two routines:
// - "working": a clinician at work. Opens a page, reads it for 10-20 s, writes in a note with the
//   editor autosaving every 2-4 s (the editor saves 1.5 s after typing pauses and at least every
//   5 s while typing: note-editor.tsx), and so on: caseload, client page, 10 autosaves, week
//   view, client page, 10 autosaves, audit review. About 0.19 requests a second per member.
// - "1rps": the same mix as the unpaced levels, one request a second per member (a request starts
//   a second after the last one started, or as soon as it answered if it took longer): five
//   times busier than anyone works, kept as the stress figure.
import http from "node:http";
import { cpuBetween, cpuSample } from "./cpu";
import { routes, type Ctx, type Step, type User } from "./mix";
import { HOST, port } from "./options";
import { resetRevisions, type Result, type Target } from "./run-level";
import { drained } from "./server";

export type Routine = "working" | "1rps";

const TIMEOUT_MS = 10_000;
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** One member's routine: the requests in order, each with the pause that follows it. */
function routine(kind: Routine, u: User, ctx: Ctx): { step: Step; pauseMs: () => number }[] {
  const [caseload, client1, autosave, week, , client2, , audit] = routes(u, ctx);
  if (kind === "1rps") return routes(u, ctx).map((step) => ({ step, pauseMs: () => 1_000 }));
  const read = (step: Step) => ({ step, pauseMs: () => between(10_000, 20_000) });
  const typing = Array.from({ length: 10 }, () => ({ step: autosave!, pauseMs: () => between(2_000, 4_000) }));
  return [read(caseload!), read(client1!), ...typing, read(week!), read(client2!), ...typing, read(audit!)];
}

function send(agent: http.Agent, u: User, step: Step): Promise<{ status: number; body: string } | "timeout" | "error"> {
  return new Promise((resolve) => {
    const body = step.body?.();
    const req = http.request(
      {
        host: HOST,
        port,
        path: step.path,
        method: step.method,
        agent,
        timeout: TIMEOUT_MS,
        headers: { cookie: u.cookie, origin: `http://${HOST}:${port}`, accept: "text/html,application/json", ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", () => resolve("error"));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      resolve("timeout");
    });
    req.on("error", () => resolve("error"));
    req.end(body);
  });
}

/** `members` virtual members following `kind` for `seconds`; requests still open at the end are awaited. */
export async function runPaced({ server, prisma }: Target, users: User[], members: number, kind: Routine, seconds: number): Promise<Result> {
  const latencies: number[] = [];
  const byStatus = new Map<number, number>();
  let timeouts = 0;
  let socketErrors = 0;
  const before = await cpuSample(server.pid);
  const started = performance.now();
  const endAt = started + seconds * 1_000;
  const agents: http.Agent[] = [];

  const member = async (u: User) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    const ctx: Ctx = {};
    const steps = routine(kind, u, ctx);
    // A random point of the routine, and a random part of the pause before it.
    let i = Math.floor(Math.random() * steps.length);
    await new Promise((r) => setTimeout(r, Math.random() * steps[(i + steps.length - 1) % steps.length]!.pauseMs()));
    while (performance.now() < endAt) {
      const { step, pauseMs } = steps[i % steps.length]!;
      const t0 = performance.now();
      const answer = await send(agent, u, step);
      const took = performance.now() - t0;
      if (answer === "timeout") timeouts++;
      else if (answer === "error") socketErrors++;
      else {
        latencies.push(took);
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        if (step.kind === "autosave" && answer.status === 200) ctx.revision = (JSON.parse(answer.body) as { revision: number }).revision;
      }
      i++;
      // "1rps" paces request starts; "working" pauses after each answer, as a reader does.
      const wait = kind === "1rps" ? Math.max(0, pauseMs() - took) : pauseMs();
      const remaining = endAt - performance.now();
      if (remaining <= 0) break;
      await new Promise((r) => setTimeout(r, Math.min(wait, remaining)));
    }
  };
  await Promise.all(users.slice(0, members).map(member));
  const elapsed = (performance.now() - started) / 1000;
  const after = await cpuSample(server.pid);
  for (const a of agents) a.destroy();
  await resetRevisions(prisma, users);
  await drained();
  const failures = timeouts + socketErrors + [...byStatus].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
  return { requests: latencies.length, rps: latencies.length / elapsed, latencies, failures, timeouts, socketErrors, byStatus, cpu: cpuBetween(before, after) };
}
