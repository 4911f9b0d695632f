import { spawn } from "node:child_process";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run <name>` as its own process, the way an operator or the scheduler would: in
 * production mode with quiet logs and only the environment given (no inherited secrets).
 */
export function runNpmScript(name: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", name, ...(args.length ? ["--", ...args] : [])], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? repoRoot, NODE_ENV: "production", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
