import path from "node:path";

export const E2E_PORT = 3100;
export const E2E_DATABASE = "confide_e2e";
export const e2eEnvFile = path.resolve(import.meta.dirname, "../../.data/e2e-env.json");
