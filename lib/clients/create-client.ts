import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, forbidden } from "@/lib/http/errors";
import { createNotesKey } from "@/lib/notes/keys";
import { destroyIdentity } from "@/lib/vault/destroy-identity";
import { storeIdentity } from "@/lib/vault/store-identity";
import { isClinician } from "./access";
import { generateClientCode } from "./code";
import { checkLabel, clientAuditBase } from "./manage";
import { newClientSchema } from "./schema";

/**
 * A new client under a fresh random code, with its own notes data key, assigned to the
 * clinician who created it. Identity, if given, goes to the vault in the same step: if the vault
 * write fails, nothing is created.
 */
export async function createClient(actor: Actor, input: unknown, context: AuditContext) {
  if (!isClinician(actor)) throw forbidden();
  const { label, identity, keepLabel } = newClientSchema.parse(input);
  const warning = await checkLabel(actor.practiceId, label, keepLabel, identity?.fullName);
  let createdId: string | null = null;
  try {
    const client = await db().$transaction(async (tx) => {
      const client = await insertWithFreshCode(tx, actor.practiceId, label);
      createdId = client.id;
      await createNotesKey(tx, client.id);
      await tx.clientAssignment.create({ data: { clientId: client.id, membershipId: actor.membershipId } });
      await recordAudit(tx, { ...clientAuditBase(actor, context), action: "client.created", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { labelled: label !== null, identity: Boolean(identity) } });
      if (identity) {
        await storeIdentity(client, identity);
        await recordAudit(tx, { ...clientAuditBase(actor, context), action: "identity.recorded", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { fields: Object.values(identity).filter(Boolean).length } });
      }
      return client;
    });
    return { client, warning };
  } catch (error) {
    // The clinical transaction rolled back after the vault write: remove the orphan identity.
    if (createdId && identity) await destroyIdentity({ id: createdId, practiceId: actor.practiceId }).catch(() => {});
    throw error;
  }
}

async function insertWithFreshCode(tx: Prisma.TransactionClient, practiceId: string, label: string | null) {
  // 55 random bits: a collision is astronomically rare, but it is checked, not assumed.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateClientCode();
    if (await tx.client.findUnique({ where: { code }, select: { id: true } })) continue;
    return tx.client.create({ data: { practiceId, code, label } });
  }
  throw new AppError("code_exhausted", "Could not generate a client code. Please try again.", 500);
}
