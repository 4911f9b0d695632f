import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { findClientFor } from "@/lib/clients/access";
import { requireRevealScope, type RevealScope } from "@/lib/clients/reveal";
import { db } from "@/lib/db/client";
import { readIdentity } from "@/lib/vault/read-identity";
import { addToFigures, chargeOf, emptyFigures } from "./billing-rule";
import { statementPeriodSchema, type StatementPeriod } from "./schema";
import { addDays, localDaysRange } from "./time";

// A client's statement for a period: their appointments with fees and payment state, totals by
// the one billing rule, addressed to them by name (and, for clinicians, postal address) from the
// vault. Generating it is a reveal with the reason "billing": the same people, the same step-up,
// recorded as identity.revealed plus statement.generated (code, period, counts and totals only).
// Nothing of it is stored.

export interface StatementLine {
  id: string;
  startsAt: Date;
  endsAt: Date;
  type: string;
  /** The practice type's name, as people see it. */
  typeName: string;
  status: string;
  clinicianName: string;
  feePence: number;
  paymentState: string;
  /** Under the billing rule: charged (attended, late-cancelled, missed), waived, or not owed. */
  charge: "charged" | "waived" | "none";
}

export interface Statement {
  practiceName: string;
  timeZone: string;
  clientCode: string;
  scope: RevealScope;
  /** Null when no identity is recorded for the client. */
  addressee: { name: string; address: string | null } | null;
  period: StatementPeriod;
  generatedAt: Date;
  lines: StatementLine[];
  totals: { chargedPence: number; paidPence: number; waivedPence: number; outstandingPence: number; sessionsHeld: number };
}

export async function generateStatement(actor: Actor, code: string, input: unknown, context: AuditContext): Promise<Statement> {
  const access = await findClientFor(actor, code, context);
  const period = statementPeriodSchema.parse(input);
  const scope = await requireRevealScope(actor, access, context, "statement");
  assertSteppedUp(actor);

  const { client } = access;
  const practice = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { name: true, timeZone: true } });
  const start = localDaysRange(period.from, 0, practice.timeZone).start;
  const end = localDaysRange(addDays(period.to, 1), 0, practice.timeZone).start;
  const rows = await db().appointment.findMany({
    where: { practiceId: actor.practiceId, clientId: client.id, startsAt: { gte: start, lt: end } },
    select: { id: true, startsAt: true, endsAt: true, type: true, practiceType: { select: { name: true } }, status: true, feePence: true, paymentState: true, clinician: { select: { user: { select: { displayName: true } } } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const totals = emptyFigures();
  const lines = rows.map((r) => {
    addToFigures(totals, r);
    const charge = chargeOf(r);
    return {
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      type: r.type,
      typeName: r.practiceType.name,
      status: r.status,
      clinicianName: r.clinician.user.displayName,
      feePence: r.feePence,
      paymentState: r.paymentState,
      charge,
    };
  });

  const identity = await readIdentity({ id: client.id, practiceId: actor.practiceId });
  const target = { type: "client", id: client.code };
  await db().$transaction(async (tx) => {
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "identity.revealed", target, outcome: "SUCCESS", context, details: { reason: "billing", scope, recorded: identity !== null, purpose: "statement" } });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "statement.generated",
      target,
      outcome: "SUCCESS",
      context,
      details: { from: period.from, to: period.to, appointments: lines.length, chargedPence: totals.chargedPence, paidPence: totals.paidPence, waivedPence: totals.waivedPence, outstandingPence: totals.outstandingPence },
    });
  });

  return {
    practiceName: practice.name,
    timeZone: practice.timeZone,
    clientCode: client.code,
    scope,
    // Practice managers reveal contact details only: the name, never the postal address.
    addressee: identity ? { name: identity.fullName, address: scope === "full" ? (identity.address ?? null) : null } : null,
    period,
    generatedAt: new Date(),
    lines,
    totals: { chargedPence: totals.chargedPence, paidPence: totals.paidPence, waivedPence: totals.waivedPence, outstandingPence: totals.outstandingPence, sessionsHeld: totals.sessionsHeld },
  };
}
