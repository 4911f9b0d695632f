import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, pendingMigrations, readMigrationList } from "@/lib/db/migrations";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { sql as query } from "../support/sql";

describe("migrations", () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase({ empty: true });
  });
  afterAll(async () => fresh?.drop());

  it("agree with schema.prisma (no drift)", async () => {
    expect(await diffMigrationsToSchema(fresh.ownerUrl)).toBe("");
  });

  it("apply once even when two processes migrate at the same time, and again is a no-op", async () => {
    const all = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(await pendingMigrations(fresh.ownerUrl)).toEqual(all);

    const [a, b] = await Promise.all([applyMigrations(fresh.ownerUrl), applyMigrations(fresh.ownerUrl)]);
    expect([...a, ...b].sort()).toEqual(all);
    expect(await applyMigrations(fresh.ownerUrl)).toEqual([]);
    expect(await pendingMigrations(fresh.ownerUrl)).toEqual([]);

    const rows = await query<{ migration_name: string; n: string }>(
      fresh.ownerUrl,
      "SELECT migration_name, count(*)::text AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY 1",
    );
    expect(rows.map((r) => r.migration_name).sort()).toEqual(all);
    expect(rows.every((r) => r.n === "1")).toBe(true);
  });
});

describe("the runtime database role", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it("is no superuser, cannot bypass row security, and owns no tables", async () => {
    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
      database.appUrl,
      "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user",
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    const owned = await query(database.appUrl, "SELECT tablename FROM pg_tables WHERE tableowner = current_user");
    expect(owned).toEqual([]);
  });

  it("cannot change the schema", async () => {
    await expect(query(database.appUrl, "CREATE TABLE sneaky (id int)")).rejects.toThrow(/permission denied/);
    await expect(query(database.appUrl, 'ALTER TABLE "user_account" ADD COLUMN x int')).rejects.toThrow(
      /must be owner/,
    );
  });

  it("can read and write application tables", async () => {
    await query(database.appUrl, `INSERT INTO practice (id, name) VALUES (gen_random_uuid(), 'Role check')`);
    const rows = await query<{ name: string }>(database.appUrl, "SELECT name FROM practice");
    expect(rows.map((r) => r.name)).toContain("Role check");
  });
});
