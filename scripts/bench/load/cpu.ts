// Where the CPU went during a level: the Next.js server's process tree against the PostgreSQL
// backends serving the bench database, this process (the load generator) and the whole machine.
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { DB } from "./options";

/** CPU seconds used so far, per process: the server's process tree, the backends on our database. */
export async function cpuSample(serverPid: number | undefined) {
  const tick = 100; // USER_HZ on Linux
  const stat = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick };
    } catch {
      return null;
    }
  };
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const tree = new Set<number>(serverPid ? [serverPid] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of all) {
      const s = stat(pid);
      if (s && tree.has(s.ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const app = new Map<number, number>();
  for (const pid of tree) app.set(pid, stat(pid)?.cpu ?? 0);
  const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [DB]);
  await client.end();
  const backends = new Map<number, number>();
  for (const { pid } of rows) backends.set(pid, stat(pid)?.cpu ?? 0);
  // This process (autocannon) and every CPU of the machine (others' work shows as the rest).
  const own = process.cpuUsage();
  const [, ...jiffies] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const busy = jiffies.reduce((n, v, i) => (i === 3 || i === 4 || i >= 8 ? n : n + (v ?? 0)), 0) / tick; // less idle, iowait and guest (counted in user)
  return { app, db: backends, generator: (own.user + own.system) / 1e6, machine: busy };
}

type Sample = Awaited<ReturnType<typeof cpuSample>>;
/** CPU used between two samples; a process that appeared in between counts from zero. */
export function cpuBetween(before: Sample, after: Sample) {
  const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((n, [pid, cpu]) => n + Math.max(0, cpu - (a.get(pid) ?? 0)), 0);
  return { app: delta(before.app, after.app), db: delta(before.db, after.db), generator: after.generator - before.generator, machine: after.machine - before.machine };
}
