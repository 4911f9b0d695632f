import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Actor, MemberRole } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, pointAppAt, type TestDatabase } from "./database";

// The one way integration tests get a database and the people in it. A test file calls
// setUpTestDatabase() at its top; createPractice() and createMember() then write straight into
// that file's database and hand back actors ready for lib/ operations.

export type TestPrisma = ReturnType<typeof createPrismaClient>;

export interface TestDatabaseHandle {
  /** This file's private database (its URLs as every role). */
  readonly database: TestDatabase;
  /** A client on it as the runtime role (what the app itself connects as). */
  readonly prisma: TestPrisma;
  /** Points this file's clients at another database (a second instance); this file's own is
   *  still dropped at the end, `database` is the caller's to drop. The caller configures the app. */
  reconnect(database: TestDatabase): Promise<void>;
}

let current: { database: TestDatabase; prisma: TestPrisma; own: TestDatabase } | undefined;

function active() {
  if (!current) throw new Error("setUpTestDatabase() has not set up this file's database yet (call it at the top of the file, use it inside hooks and tests)");
  return current;
}

/**
 * A private copy of the migrated database for this test file, made before its tests and dropped
 * after. With `appConfig` (the default) the app's configuration points at it with fresh keys.
 */
export function setUpTestDatabase(opts: { connections?: number; appConfig?: boolean } = {}): TestDatabaseHandle {
  const appConfig = opts.appConfig ?? true;
  beforeAll(async () => {
    const database = await createTestDatabase();
    if (appConfig) pointAppAt(database);
    current = { database, own: database, prisma: createPrismaClient(database.appUrl, opts.connections ?? 2) };
  });
  afterAll(async () => {
    if (appConfig) await (await import("@/lib/vault/db")).closeVaultPool();
    await current?.prisma.$disconnect();
    await current?.own.drop();
    current = undefined;
  });
  return {
    get database() {
      return active().database;
    },
    get prisma() {
      return active().prisma;
    },
    async reconnect(database) {
      const { prisma, own } = active();
      await prisma.$disconnect();
      current = { database, own, prisma: createPrismaClient(database.appUrl, opts.connections ?? 2) };
    },
  };
}

/** This file's client, or `prisma` for a test that runs its own cluster (faults, backups). */
const client = (prisma?: TestPrisma) => prisma ?? active().prisma;

const tagged = (tag: string) => `${tag}-${randomBytes(3).toString("hex")}`;

export type TestPractice = Awaited<ReturnType<typeof createPractice>>;

/** A practice (by default requiring 2FA, as a new practice does); `data` overrides any column. */
export async function createPractice(data: Partial<Prisma.PracticeUncheckedCreateInput> = {}) {
  return active().prisma.practice.create({ data: { name: `Practice ${tagged("p")}`, ...data } });
}

export interface UserOptions {
  /** Defaults to a unique address under members.test. */
  email?: string;
  displayName?: string;
  /** A password hash (hashPassword()); defaults to one no password matches. */
  passwordHash?: string;
  /** Marks an authenticator app as enrolled (the seed itself is the test's business). */
  totp?: boolean;
  /** Another database than this file's (a test running its own cluster). */
  prisma?: TestPrisma;
}

/** An account with no membership (an operator, or someone about to join). */
export async function createUser(opts: UserOptions & { tag?: string } = {}) {
  const tag = opts.tag ?? "user";
  return client(opts.prisma).user.create({
    data: {
      email: opts.email ?? `${tagged(tag)}@members.test`,
      displayName: opts.displayName ?? `Person ${tag}`,
      passwordHash: opts.passwordHash ?? "x",
      totpEnabledAt: opts.totp ? new Date() : null,
    },
  });
}

export interface SessionOptions {
  /** The second factor was passed in this session. */
  mfa?: boolean;
  /** The session row records a full proof of identity just now. */
  stepUp?: boolean;
}

/** A live session row for `userId` (in `membershipId`'s practice, or none for an operator). */
export async function openTestSession(userId: string, membershipId: string | null, opts: SessionOptions = {}, prisma?: TestPrisma) {
  return client(prisma).session.create({
    data: {
      userId,
      membershipId,
      expiresAt: new Date(Date.now() + 3_600_000),
      mfaVerifiedAt: opts.mfa ? new Date() : null,
      stepUpAt: opts.stepUp ? new Date() : null,
    },
  });
}

export interface TestMember extends Actor {
  email: string;
}

/**
 * A member of `practice` with this role and a live session, as the Actor lib/ operations take.
 * The actor counts as stepped up just now unless `steppedUp: false`; `user` reuses an account
 * (one person in two practices).
 */
export async function createMember(opts: {
  /** The practice, or its id. */
  practice: { id: string; name: string } | string;
  role?: MemberRole;
  tag?: string;
  user?: { id: string; email: string; displayName: string };
  steppedUp?: boolean;
  session?: SessionOptions;
} & UserOptions): Promise<TestMember> {
  const role = opts.role ?? "THERAPIST";
  const tag = opts.tag ?? role.toLowerCase();
  const user = opts.user ?? (await createUser({ ...opts, tag, displayName: opts.displayName ?? `${role} ${tag}` }));
  const practice = typeof opts.practice === "string"
    ? await client(opts.prisma).practice.findUniqueOrThrow({ where: { id: opts.practice }, select: { id: true, name: true } })
    : opts.practice;
  const membership = await client(opts.prisma).membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
  const session = await openTestSession(user.id, membership.id, opts.session, opts.prisma);
  return {
    sessionId: session.id,
    userId: user.id,
    displayName: user.displayName,
    membershipId: membership.id,
    role,
    practiceId: practice.id,
    practiceName: practice.name,
    stepUpAt: opts.steppedUp === false ? null : new Date(),
    email: user.email,
  };
}

/**
 * A practice with the people most tests need: its owner, a therapist, a second therapist
 * (`colleague`), a manager, and `outsider`, the owner of another practice.
 */
export async function createStaffedPractice(name: string) {
  const practice = await createPractice({ name });
  const other = await createPractice({ name: "Elsewhere" });
  return {
    practice,
    owner: await createMember({ practice, role: "OWNER", tag: "owner" }),
    therapist: await createMember({ practice, role: "THERAPIST", tag: "t1" }),
    colleague: await createMember({ practice, role: "THERAPIST", tag: "t2" }),
    manager: await createMember({ practice, role: "MANAGER", tag: "m" }),
    outsider: await createMember({ practice: other, role: "OWNER", tag: "x" }),
  };
}
