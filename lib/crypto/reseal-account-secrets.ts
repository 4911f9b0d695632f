import { summaryAad, urlAad } from "@/lib/calendar-import/sealed";
import { totpAad } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { isLegacyAccountEnvelope, openAccountSecret, sealAccountSecret, type SealPurpose } from "./account-keys";

// `npm run keys:rotate -- account`: re-seals every account secret still sealed directly under
// ACCOUNT_SECRETS_KEY (envelope key id 0, from before per-purpose sub-keys) under its purpose's
// sub-key, while the app keeps running. Each row is swapped only if it still holds what was read.

type Sealed = Uint8Array<ArrayBuffer>;

interface SealedColumn {
  purpose: SealPurpose;
  aad: (rowId: string) => string;
  /** The next rows after `after` (by id), with the column's value (null when unset). */
  page: (after: string | undefined, take: number) => Promise<{ id: string; sealed: Sealed | null }[]>;
  /** Writes `fresh` where the row still holds `old`; returns how many rows changed (0 or 1). */
  swap: (id: string, old: Sealed, fresh: Sealed) => Promise<number>;
}

const idAfter = (after: string | undefined) => (after ? { id: { gt: after } } : {});

function columns(): SealedColumn[] {
  const prisma = db();
  const userColumn = (field: "totpSecretEnc" | "totpPendingSecretEnc"): SealedColumn => ({
    purpose: "totpSeed",
    aad: totpAad,
    page: async (after, take) =>
      (await prisma.user.findMany({ select: { id: true, totpSecretEnc: true, totpPendingSecretEnc: true }, where: idAfter(after), orderBy: { id: "asc" }, take })).map((r) => ({ id: r.id, sealed: r[field] })),
    swap: async (id, old, fresh) =>
      field === "totpSecretEnc"
        ? (await prisma.user.updateMany({ where: { id, totpSecretEnc: old }, data: { totpSecretEnc: fresh } })).count
        : (await prisma.user.updateMany({ where: { id, totpPendingSecretEnc: old }, data: { totpPendingSecretEnc: fresh } })).count,
  });
  return [
    userColumn("totpSecretEnc"),
    userColumn("totpPendingSecretEnc"),
    {
      purpose: "calendarUrl",
      aad: urlAad,
      page: async (after, take) =>
        (await prisma.calendarImport.findMany({ select: { membershipId: true, urlEnc: true }, where: after ? { membershipId: { gt: after } } : {}, orderBy: { membershipId: "asc" }, take })).map((r) => ({ id: r.membershipId, sealed: r.urlEnc })),
      swap: async (membershipId, old, fresh) => (await prisma.calendarImport.updateMany({ where: { membershipId, urlEnc: old }, data: { urlEnc: fresh } })).count,
    },
    {
      purpose: "calendarEventSummary",
      aad: summaryAad,
      page: async (after, take) =>
        (await prisma.importedEvent.findMany({ select: { id: true, summaryEnc: true }, where: idAfter(after), orderBy: { id: "asc" }, take })).map((r) => ({ id: r.id, sealed: r.summaryEnc })),
      swap: async (id, old, fresh) => (await prisma.importedEvent.updateMany({ where: { id, summaryEnc: old }, data: { summaryEnc: fresh } })).count,
    },
  ];
}

async function resealColumn(column: SealedColumn, batchSize: number): Promise<{ resealed: number; remaining: number }> {
  let resealed = 0;
  let remaining = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await column.page(after, batchSize);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const { id, sealed } of rows) {
      if (!sealed || !isLegacyAccountEnvelope(sealed)) continue;
      const plaintext = openAccountSecret(column.purpose, sealed, column.aad(id));
      // A row changed meanwhile was written by the app, under the sub-key; count it if not.
      if ((await column.swap(id, sealed, sealAccountSecret(column.purpose, plaintext, column.aad(id)))) === 1) resealed++;
      else remaining++;
    }
  }
  return { resealed, remaining };
}

/** Re-seals legacy account secrets under their sub-keys; `remaining` rows changed while it ran. */
export async function resealAccountSecrets(batchSize = 500): Promise<{ resealed: number; remaining: number }> {
  const total = { resealed: 0, remaining: 0 };
  for (const column of columns()) {
    const { resealed, remaining } = await resealColumn(column, batchSize);
    total.resealed += resealed;
    total.remaining += remaining;
  }
  return total;
}
