import { createHmac, randomUUID } from "node:crypto";
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { totpAad } from "@/lib/auth/totp";
import { accountSubkey } from "@/lib/crypto/account-keys";
import { encrypt, keyIdOf } from "@/lib/crypto/aead";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// One key per purpose: account secrets are sealed and peppered under HKDF sub-keys of
// ACCOUNT_SECRETS_KEY, and what a deployment stored before (sealed or peppered with the master
// key itself) keeps working until keys:rotate re-seals it or the member makes new codes.

const context = { requestId: null, ip: "198.51.100.91", userAgent: "account-keys-test" };
const TOTP_SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const OLD_RECOVERY_CODE = "ABCDE-FGH23";
const FEED_URL = "https://calendar.example/private/feed-7f3a.ics";
const EVENT_TITLE = "Session with a new referral";

const db = setUpTestDatabase();
let master: Buffer;
let member: Actor;
let eventId: string;

beforeAll(async () => {
  master = Buffer.from(process.env.ACCOUNT_SECRETS_KEY!, "base64");
  const practice = await createPractice({ name: "Keys" });
  member = await createMember({ practice, role: "THERAPIST", tag: "keys" });
  // What an existing deployment holds: everything sealed or peppered with the master key itself.
  await db.prisma.user.update({
    where: { id: member.userId },
    data: { totpEnabledAt: new Date(), totpSecretEnc: new Uint8Array(encrypt(master, TOTP_SEED, totpAad(member.userId))) },
  });
  await db.prisma.recoveryCode.create({ data: { userId: member.userId, codeHash: new Uint8Array(hashRecoveryCode(master, OLD_RECOVERY_CODE)) } });
  await db.prisma.calendarImport.create({
    data: { membershipId: member.membershipId, practiceId: practice.id, host: "calendar.example", urlEnc: new Uint8Array(encrypt(master, FEED_URL, `membership:${member.membershipId}:calendar-import-url`)) },
  });
  eventId = randomUUID();
  await db.prisma.importedEvent.create({
    data: {
      id: eventId, membershipId: member.membershipId, practiceId: practice.id, uidHash: new Uint8Array(32), startsAt: new Date("2026-12-01T10:00:00Z"), endsAt: new Date("2026-12-01T11:00:00Z"),
      summaryEnc: new Uint8Array(encrypt(master, EVENT_TITLE, `imported-event:${eventId}:summary`)),
    },
  });
});

const storedUser = () => db.prisma.user.findUniqueOrThrow({ where: { id: member.userId } });

describe("account secrets under per-purpose sub-keys", () => {
  it("still reads what was sealed under the master key, then keys:rotate re-seals it under the sub-keys", async () => {
    const { consumeSecondFactorCode } = await import("@/lib/auth/two-factor");
    const { openSummary, openUrl } = await import("@/lib/calendar-import/sealed");
    const { resealAccountSecrets } = await import("@/lib/crypto/reseal-account-secrets");

    // The old TOTP envelope still signs in, and so does a recovery code peppered with the master key.
    expect(await consumeSecondFactorCode(await storedUser(), await generate({ secret: TOTP_SEED }))).toBe("totp");
    expect(await consumeSecondFactorCode(await storedUser(), OLD_RECOVERY_CODE.toLowerCase())).toBe("recovery_code");
    expect(await consumeSecondFactorCode(await storedUser(), OLD_RECOVERY_CODE)).toBeNull(); // used once
    const calendar = await db.prisma.calendarImport.findUniqueOrThrow({ where: { membershipId: member.membershipId } });
    expect(openUrl(member.membershipId, calendar.urlEnc)).toBe(FEED_URL);

    expect(await resealAccountSecrets(1)).toEqual({ resealed: 3, remaining: 0 });
    const user = await storedUser();
    const resealedUrl = (await db.prisma.calendarImport.findUniqueOrThrow({ where: { membershipId: member.membershipId } })).urlEnc;
    const resealedSummary = (await db.prisma.importedEvent.findUniqueOrThrow({ where: { id: eventId } })).summaryEnc;
    expect([user.totpSecretEnc!, resealedUrl, resealedSummary].map(keyIdOf)).toEqual([1, 1, 1]);
    expect(openUrl(member.membershipId, resealedUrl)).toBe(FEED_URL);
    expect(openSummary(eventId, resealedSummary)).toBe(EVENT_TITLE);
    await db.prisma.user.update({ where: { id: member.userId }, data: { totpLastStep: null } });
    expect(await consumeSecondFactorCode(user, await generate({ secret: TOTP_SEED }))).toBe("totp");
    expect(await resealAccountSecrets()).toEqual({ resealed: 0, remaining: 0 });
  });

  it("seals new TOTP seeds and peppers new recovery codes with their own sub-keys, never the master key", async () => {
    const { regenerateRecoveryCodes, startTotpEnrolment } = await import("@/lib/auth/two-factor");
    const fresh = await createMember({ practice: member.practiceId, role: "THERAPIST", tag: "enrol" });
    await startTotpEnrolment(fresh);
    expect(keyIdOf((await db.prisma.user.findUniqueOrThrow({ where: { id: fresh.userId } })).totpPendingSecretEnc!)).toBe(1);

    const [code] = await regenerateRecoveryCodes(member, context);
    const stored = (await db.prisma.recoveryCode.findMany({ where: { userId: member.userId } })).map((r) => Buffer.from(r.codeHash).toString("hex"));
    const hmac = (key: Buffer) => createHmac("sha256", key).update(code!.replace("-", "")).digest("hex");
    expect(stored).toContain(hmac(accountSubkey("recoveryCodePepper")));
    expect(stored).not.toContain(hmac(master));
  });
});
