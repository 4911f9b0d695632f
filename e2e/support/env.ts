import path from "node:path";

/** Shifts every test port (e2e app, test databases) so two checkouts can run suites side by side. */
export const PORT_OFFSET = Number(process.env.CONFIDE_TEST_PORT_OFFSET ?? 0);
export const E2E_PORT = 3100 + PORT_OFFSET;
export const E2E_DATABASE = "confide_e2e";
export const e2eEnvFile = path.resolve(import.meta.dirname, "../../.data/e2e-env.json");
/** The one platform operator of the e2e server (PLATFORM_ADMIN_EMAILS). */
export const OPERATOR_EMAIL = "operator@e2e.confide.test";
