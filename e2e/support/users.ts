import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hashPassword } from "../../lib/auth/password";
import { newTotpSecret, totpAad } from "../../lib/auth/totp";
import { accountSubkeyFrom, SUBKEY_ID } from "../../lib/crypto/account-keys";
import { encrypt } from "../../lib/crypto/aead";
import { createPrismaClient } from "../../lib/db/prisma";
import { e2eEnvFile, OPERATOR_EMAIL } from "./env";

export interface TestMember {
  email: string;
  password: string;
  displayName: string;
  practiceId: string;
  userId: string;
}

/** A practice of its own with one member, so a test can sign out everywhere without disturbing others. */
export async function createMember(
  role: "OWNER" | "THERAPIST" | "MANAGER" = "OWNER",
  opts: { requireTwoFactor?: boolean } = {},
): Promise<TestMember> {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  const tag = randomBytes(4).toString("hex");
  const password = `e2e-password-${tag}-long`;
  try {
    const practice = await prisma.practice.create({
      data: opts.requireTwoFactor
        ? { name: `E2E Practice ${tag}` }
        : { name: `E2E Practice ${tag}`, requireTwoFactor: false, twoFactorRelaxedReason: "End-to-end test practice without 2FA" },
    });
    const user = await prisma.user.create({
      data: { email: `member-${tag}@e2e.confide.test`, displayName: `Tester ${tag}`, passwordHash: await hashPassword(password) },
    });
    await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    return { email: user.email, password, displayName: user.displayName, practiceId: practice.id, userId: user.id };
  } finally {
    await prisma.$disconnect();
  }
}

/** Ages a member's step-up past its 5-minute window, as if they signed in a while ago. */
export async function expireStepUp(userId: string): Promise<void> {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  try {
    await prisma.session.updateMany({ where: { userId }, data: { stepUpAt: new Date(Date.now() - 10 * 60_000) } });
  } finally {
    await prisma.$disconnect();
  }
}

/** Another member in an existing practice (e.g. a manager next to a therapist). */
export async function addMember(practiceId: string, role: "OWNER" | "THERAPIST" | "MANAGER"): Promise<TestMember> {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  const tag = randomBytes(4).toString("hex");
  const password = `e2e-password-${tag}-long`;
  try {
    const user = await prisma.user.create({
      data: { email: `member-${tag}@e2e.confide.test`, displayName: `Tester ${tag}`, passwordHash: await hashPassword(password) },
    });
    await prisma.membership.create({ data: { practiceId, userId: user.id, role } });
    return { email: user.email, password, displayName: user.displayName, practiceId, userId: user.id };
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * The e2e server's platform operator (OPERATOR_EMAIL): an account with no practice and an
 * authenticator already set up (operators always need a second factor). Made afresh each time,
 * with a new password and authenticator key, so a retried test starts clean.
 */
export async function createOperator(): Promise<{ email: string; password: string; userId: string; totpSecret: string }> {
  const { appUrl, accountSecretsKey } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string; accountSecretsKey: string };
  const prisma = createPrismaClient(appUrl, 1);
  const password = `e2e-operator-${randomBytes(4).toString("hex")}-long`;
  const totpSecret = newTotpSecret();
  try {
    const data = { displayName: "Olu Operator", passwordHash: await hashPassword(password), totpEnabledAt: new Date(), totpLastStep: null };
    const user = await prisma.user.upsert({ where: { email: OPERATOR_EMAIL }, create: { email: OPERATOR_EMAIL, ...data }, update: data });
    const seedKey = accountSubkeyFrom(Buffer.from(accountSecretsKey, "base64"), "totpSeed");
    const totpSecretEnc = new Uint8Array(encrypt(seedKey, totpSecret, totpAad(user.id), SUBKEY_ID));
    await prisma.user.update({ where: { id: user.id }, data: { totpSecretEnc } });
    return { email: OPERATOR_EMAIL, password, userId: user.id, totpSecret };
  } finally {
    await prisma.$disconnect();
  }
}
