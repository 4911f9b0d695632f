// The PostgreSQL server the integration and e2e tests use: TEST_DATABASE_URL (a role that may
// create roles and databases), else an embedded server under .data/.
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureRoles } from "@/lib/db/bootstrap";

export const TEST_ROLE_PASSWORDS = { owner: "confide-test-owner", app: "confide-test-app", vault: "confide-test-vault" };

export async function startTestCluster(name: string, port: number) {
  if (process.env.TEST_DATABASE_URL) {
    await ensureRoles(process.env.TEST_DATABASE_URL, TEST_ROLE_PASSWORDS);
    return { superuserUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  const cluster = await startEmbeddedPostgres({
    dir: path.resolve(import.meta.dirname, "../../.data", name),
    port,
    password: "confide-test",
  });
  await ensureRoles(cluster.superuserUrl(), TEST_ROLE_PASSWORDS);
  return { superuserUrl: cluster.superuserUrl(), stop: cluster.stop };
}
