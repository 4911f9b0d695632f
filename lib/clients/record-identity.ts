import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { identitySchema } from "@/lib/vault/schema";
import { storeIdentity } from "@/lib/vault/store-identity";
import { findClientFor } from "./access";
import { clientAuditBase } from "./manage";

/** Writes (replaces) a client's identity in the vault: assigned clinicians only. */
export async function recordIdentity(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientFor(actor, code, context);
  if (!access.canReadNotes) throw forbidden();
  const identity = identitySchema.parse(input);
  await storeIdentity(access.client, identity);
  await recordAudit(db(), { ...clientAuditBase(actor, context), action: "identity.recorded", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { fields: Object.values(identity).filter(Boolean).length } });
}
