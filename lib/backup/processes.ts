// Runs the PostgreSQL and pgBackRest command line tools. PostgreSQL refuses to run as root, and
// pgBackRest must run as the user that owns the data directory, so when this process is root
// (CI, a container's entrypoint) every tool runs as the `postgres` system user instead.
import { execFileSync, spawn } from "node:child_process";
import { userInfo } from "node:os";

export interface RunAs {
  uid: number;
  gid: number;
}

let cachedRunAs: { as: RunAs | undefined } | undefined;

/** Who the tools run as: the postgres system user when we are root, else ourselves (undefined). */
export function toolUser(): RunAs | undefined {
  if (!cachedRunAs) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    cachedRunAs = { as: userInfo().uid === 0 ? { uid: id("-u"), gid: id("-g") } : undefined };
  }
  return cachedRunAs.as;
}

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class ToolFailed extends Error {
  constructor(
    readonly tool: string,
    readonly result: ToolResult,
  ) {
    // The tool's own last lines: pgBackRest and pg_ctl name the problem there. Neither prints
    // secrets (the cipher pass reaches pgBackRest through its environment only).
    const tail = (result.stderr || result.stdout).trim().split("\n").slice(-6).join("\n");
    super(`${tool} failed (exit ${result.code}):\n${tail}`);
  }
}

/** Runs a tool to completion; rejects with its output if it exits non-zero or outlives timeoutMs. */
export function runTool(
  file: string,
  args: string[],
  opts: { env?: Record<string, string | undefined>; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<ToolResult> {
  const as = toolUser();
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, LANG: "C.UTF-8", ...opts.env } as unknown as NodeJS.ProcessEnv;
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], timeout: opts.timeoutMs ?? 30 * 60_000, uid: as?.uid, gid: as?.gid });
    let stdout = "";
    let stderr = "";
    // Bounded: a tool that floods its output keeps only the last 1 MiB of each stream.
    const keep = (s: string) => (s.length > 1 << 20 ? s.slice(-(1 << 20)) : s);
    child.stdout.on("data", (c: Buffer) => (stdout = keep(stdout + c)));
    child.stderr.on("data", (c: Buffer) => (stderr = keep(stderr + c)));
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { code, stdout, stderr };
      if (code === 0 || opts.allowFailure) resolve(result);
      else reject(new ToolFailed(file.split("/").pop()!, result));
    });
  });
}
