// Where the server's CPU went: the V8 sampling profile (--cpu-prof) of the mix under load, as self
// time by where the code comes from, and the top functions.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { say } from "../../lib/bench";
import { repoRoot } from "../../lib/dev-env";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/** Self time of the server's profile, by where the code comes from, and the top functions. */
export function summariseProfile(dir: string, profileFromMs: number) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) return say("\n(no CPU profile was written)");
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  // Each sample's time is the gap to the next; only samples taken under load count.
  const selfMs = new Map<number, number>();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]! / 1000;
    if (at < profileFromMs) continue;
    const gap = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i]!, (selfMs.get(profile.samples[i]!) ?? 0) + gap);
  }
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms) continue;
    const { url, functionName } = node.callFrame;
    const category = categorise(url, functionName);
    if (category === "idle") continue;
    total += ms;
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    const where = url ? url.replace(/^file:\/\//, "").replace(repoRoot + "/", "").replace(/^.*node_modules\//, "") : "";
    const key = `${functionName || "(anonymous)"} ${where}`.slice(0, 110);
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  say(`\nWhere the server's CPU went (V8 profile of the mix under load, 50 users unpaced, 10 s; ${(total / 1000).toFixed(1)} s sampled busy):`);
  for (const [c, ms] of [...byCategory].sort((a, b) => b[1] - a[1])) say(`  ${c.padEnd(58)}${((100 * ms) / total).toFixed(1).padStart(6)} %`);
  say("Top functions by self time:");
  for (const [f, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${f}`);
}

function categorise(url: string, fn: string): string {
  if (fn === "(idle)") return "idle";
  if (fn === "(program)") return "V8/Node (program: native code not attributed)";
  if (fn === "(garbage collector)") return "garbage collection";
  if (/@prisma|generated\/prisma|query_compiler|\.wasm/.test(url)) return "Prisma (query compiler and client)";
  if (/node_modules\/pg(-|\/)|pg-protocol/.test(url)) return "pg driver";
  if (/react-server-dom|react-dom|compiled\/react|\/react\//.test(url)) return "React rendering (RSC and HTML)";
  if (/next\/dist/.test(url)) return "Next.js runtime (routing and React server rendering, bundled together)";
  if (/argon2/.test(url)) return "argon2";
  if (/next-auth|jose|jwt/.test(url)) return "next-auth (JWT cookie decode)";
  if (/\.next\/server/.test(url)) return "the app's bundled server code (.next/server)";
  if (/crypto/.test(url) || /Cipher|Hash|Hmac|hkdf|pbkdf|randomBytes/i.test(fn)) return "crypto (node:crypto: AES-GCM, HKDF for the JWT cookie, hashes)";
  if (/^node:|^internal\/|^$/.test(url)) return "Node internals (sockets, http, promises, async hooks)";
  return "other libraries";
}
