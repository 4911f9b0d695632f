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

describe("the appointment types migration", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => database?.drop());

  it("gives a practice that existed before it the four built-ins and points its appointments at the built-in of their category", async () => {
    const migrations = (await readMigrationList()).migrationDirectories;
    const at = migrations.findIndex((m) => m.path.endsWith("_appointment_types"));
    expect(at).toBeGreaterThan(0);
    const run = async (m: (typeof migrations)[number]) => {
      if (m.migrationFile.content.tag !== "ok") throw new Error(m.migrationFile.content.value);
      await query(database.ownerUrl, m.migrationFile.content.value);
    };
    for (const m of migrations.slice(0, at)) await run(m);

    // A practice with a review and a session booked, as they were before types existed.
    const [practice, user, member, client] = ["10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000003", "10000000-0000-4000-8000-000000000004"];
    await query(database.ownerUrl, `INSERT INTO practice (id, name) VALUES ($1, 'Before types')`, [practice]);
    await query(database.ownerUrl, `INSERT INTO user_account (id, email, "displayName", "passwordHash") VALUES ($1, 'before@types.test', 'Before', 'x')`, [user]);
    await query(database.ownerUrl, `INSERT INTO membership (id, "practiceId", "userId", role) VALUES ($1, $2, $3, 'THERAPIST')`, [member, practice, user]);
    await query(database.ownerUrl, `INSERT INTO client (id, "practiceId", code) VALUES ($1, $2, 'K7Q4MX2PB9XD')`, [client, practice]);
    for (const [id, type, hour] of [["10000000-0000-4000-8000-000000000005", "REVIEW", 9], ["10000000-0000-4000-8000-000000000006", "SESSION", 11]] as const) {
      await query(
        database.ownerUrl,
        `INSERT INTO appointment (id, "practiceId", "clientId", "clinicianId", "startsAt", "endsAt", type, "createdById")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $4)`,
        [id, practice, client, member, new Date(Date.UTC(2026, 9, 1, hour)), new Date(Date.UTC(2026, 9, 1, hour, 50)), type],
      );
    }

    for (const m of migrations.slice(at)) await run(m);
    const types = await query<{ name: string; category: string; position: number }>(database.ownerUrl, `SELECT name, category::text, position FROM appointment_type WHERE "practiceId" = $1 ORDER BY position`, [practice]);
    expect(types.map((t) => [t.name, t.category])).toEqual([["Assessment", "ASSESSMENT"], ["Session", "SESSION"], ["Review", "REVIEW"], ["Supervision", "SUPERVISION"]]);
    const booked = await query<{ type: string; name: string }>(database.ownerUrl, `SELECT a.type::text AS type, t.name FROM appointment a JOIN appointment_type t ON t.id = a."practiceTypeId" ORDER BY a."startsAt"`);
    expect(booked).toEqual([{ type: "REVIEW", name: "Review" }, { type: "SESSION", name: "Session" }]);
  });
});
