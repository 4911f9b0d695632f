import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrations";
import { databaseUrls, dropDatabase, ensureDatabase } from "@/lib/db/bootstrap";
import { startTestCluster, TEST_ROLE_PASSWORDS } from "./test-cluster";

export const TEMPLATE_DB = "confide_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    superuserUrl: string;
  }
}

/** Builds one migrated template database; every test file copies it (tests/support/database.ts). */
export default async function setup(project: TestProject) {
  const cluster = await startTestCluster("test-pg", 54330 + Number(process.env.CONFIDE_TEST_PORT_OFFSET ?? 0));
  await dropDatabase(cluster.superuserUrl, TEMPLATE_DB);
  await ensureDatabase(cluster.superuserUrl, TEMPLATE_DB);
  await applyMigrations(databaseUrls(cluster.superuserUrl, TEMPLATE_DB, TEST_ROLE_PASSWORDS).ownerUrl);
  project.provide("superuserUrl", cluster.superuserUrl);
  return async () => {
    await cluster.stop();
  };
}
