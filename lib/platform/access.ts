import "server-only";
import { notFound, redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/audit/context";
import { recordAudit } from "@/lib/audit/record";
import { sessionState, type Operator } from "@/lib/auth/current";
import { db } from "@/lib/db/client";
import { OPERATOR_ROLE } from "./operators";

/**
 * For every platform page and action: the signed-in operator, acting for the platform. A
 * member whose account is also an operator's acts as one here (on the platform chain, never
 * their practice's). Anyone else gets a 404, recorded, as if the screens did not exist; those
 * not fully signed in are sent to sign in first.
 */
export async function requireOperator(): Promise<Operator> {
  const state = await sessionState();
  if (state.kind === "operator") return state.operator;
  if (state.kind === "member" && state.platform === "granted") {
    const { sessionId, userId, displayName, stepUpAt } = state.actor;
    return { sessionId, userId, displayName, practiceId: null, role: OPERATOR_ROLE, stepUpAt };
  }
  if (state.kind === "none") redirect("/sign-in");
  if (state.kind === "second-factor") redirect("/sign-in/verify");
  await recordAudit(db(), {
    practiceId: null,
    actor: { type: "USER", id: state.actor.userId, role: state.actor.role },
    action: "platform.access_denied",
    target: null,
    outcome: "DENIED",
    details: { reason: state.kind === "member" && state.platform === "needs-second-factor" ? "no_second_factor" : "not_operator" },
    context: await requestAuditContext(),
  });
  notFound();
}
