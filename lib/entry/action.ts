import "server-only";
import type { Route } from "next";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { AuditContext } from "@/lib/audit/schema";
import type { AccountHolder, Actor, MemberRole, Operator, PlatformAccess } from "@/lib/auth/actor";
import { isSteppedUp, STEP_UP_REQUIRED } from "@/lib/auth/step-up-check";
import { forbidden } from "@/lib/http/errors";
import type { PortalClient } from "@/lib/portal/session";
import type { Limit } from "@/lib/rate-limit";
import { currentPortalClient, requireAccountHolder, requireActor, requireOperator, sessionState } from "./caller";
import { requestAuditContext } from "./context";
import { flash } from "./cookies";
import { enforceRateLimit } from "./rate-limit";
import { formFields } from "./form";
import { failureMessage } from "./respond";
import { stepUpPath } from "./step-up";

// The one door for server actions. Each wrapper resolves who is calling (sending anyone else
// where they must go first), takes the request's audit context, applies the step-up and rate
// limit rules its options declare, parses the form with the operation's zod schema, runs the
// handler and maps a refusal to the form's state or to a flash message. Next's own control flow
// (redirect, notFound) passes through untouched.

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

interface Common<Caller, S> {
  /** The zod schema the form's fields (or a JSON action's first argument) are parsed with. */
  input?: S;
  /** The member must have proved who they are in full within the step-up window. */
  stepUp?: boolean;
  /** One attempt counted against this limit per call, keyed by what the function returns. */
  rateLimit?: { limit: Limit; key: (caller: Caller & { audit: AuditContext }, formData: FormData) => string };
  /** Only members in these roles (others are refused with a 403 message). */
  roles?: readonly MemberRole[];
}

interface StateOptions<Caller, S, R> extends Common<Caller, S> {
  /** For forms that show their own state: the state that reports a refusal (keep what was typed). */
  failure: (message: string, formData: FormData, prev: NoInfer<R> | undefined) => NoInfer<R>;
  /** Where step-up returns to (with no `back`, a missing step-up is reported through `failure`). */
  back?: (formData: FormData) => string;
}

interface FormOptions<Caller, S> extends Common<Caller, S> {
  /** For plain forms: where the browser returns; the handler's message (or a refusal) is flashed there. */
  back: (formData: FormData) => string;
  failure?: never;
}

export type ActionContext<Caller, S> = Caller & { audit: AuditContext; input: Input<S> };

type Resolve<Caller> = () => Promise<{ caller: Caller; proof: Pick<AccountHolder, "stepUpAt"> | null }>;

export interface ActionWrapper<Caller> {
  /** A form with its own state (useActionState) or an action called with arguments. */
  <Args extends unknown[], R, S extends z.ZodType | undefined = undefined>(
    options: StateOptions<Caller, S, R>,
    handler: (context: ActionContext<Caller, S>, ...args: Args) => Promise<R>,
  ): (...args: Args) => Promise<R>;
  /** A plain form: the handler returns the message to flash (or redirects elsewhere itself). */
  <Args extends unknown[], S extends z.ZodType | undefined = undefined>(
    options: FormOptions<Caller, S>,
    handler: (context: ActionContext<Caller, S>, ...args: Args) => Promise<string | void>,
  ): (...args: Args) => Promise<void>;
}

// The arguments an action is called with: (formData), (prev, formData), (bound..., prev,
// formData), or plain values from a client component (no form: an empty one stands in).
function argumentsOf(args: unknown[]) {
  const at = args.findLastIndex((a) => a instanceof FormData);
  const formData = at >= 0 ? (args[at] as FormData) : new FormData();
  return { formData, prev: at >= 1 ? args[at - 1] : undefined, raw: at >= 0 ? formFields(formData) : args[0] };
}

function wrapper<Caller extends object>(resolve: Resolve<Caller>): ActionWrapper<Caller> {
  const build = (options: StateOptions<Caller, z.ZodType | undefined, unknown> | FormOptions<Caller, z.ZodType | undefined>, handler: (context: ActionContext<Caller, z.ZodType | undefined>, ...args: unknown[]) => Promise<unknown>) =>
    async (...args: unknown[]) => {
      const { caller, proof } = await resolve();
      const { formData, prev, raw } = argumentsOf(args);
      const back = options.back ? (options.back(formData) as Route) : null;
      if (options.stepUp && !(proof && isSteppedUp(proof)) && back) redirect(stepUpPath(back));
      let result: unknown;
      try {
        if (options.roles && !options.roles.includes((caller as { actor?: Actor }).actor?.role as MemberRole)) throw forbidden();
        if (options.stepUp && !(proof && isSteppedUp(proof))) throw STEP_UP_REQUIRED();
        const audit = await requestAuditContext();
        if (options.rateLimit) await enforceRateLimit(options.rateLimit.limit, options.rateLimit.key({ ...caller, audit }, formData));
        const input = options.input ? options.input.parse(raw) : undefined;
        result = await handler({ ...caller, audit, input } as ActionContext<Caller, z.ZodType | undefined>, ...args);
      } catch (error) {
        unstable_rethrow(error);
        const message = failureMessage(error);
        if (options.failure) return options.failure(message, formData, prev);
        await flash(message);
        redirect(back!);
      }
      if (options.failure) return result;
      if (typeof result === "string") await flash(result);
      redirect(back!);
    };
  return build as unknown as ActionWrapper<Caller>;
}

/** A fully signed-in member of a practice. */
export const memberAction = wrapper<{ actor: Actor }>(async () => {
  const actor = await requireActor();
  return { caller: { actor }, proof: actor };
});

/** A member, also one who must still set up a second factor (to let them do so). */
export const enrollingAction = wrapper<{ actor: Actor }>(async () => {
  const actor = await requireActor({ duringEnrolment: true });
  return { caller: { actor }, proof: actor };
});

/** Any signed-in account acting for itself (a member, one enrolling, or an operator). */
export const accountAction = wrapper<{ holder: AccountHolder; platform: PlatformAccess }>(async () => {
  const signedIn = await requireAccountHolder();
  return { caller: signedIn, proof: signedIn.holder };
});

/** A platform operator, acting for the platform (anyone else: a recorded 404). */
export const operatorAction = wrapper<{ operator: Operator }>(async () => {
  const operator = await requireOperator();
  return { caller: { operator }, proof: operator };
});

/** A client signed in to the portal, who has chosen their own PIN. */
export const portalAction = wrapper<{ client: PortalClient }>(async () => {
  const client = await currentPortalClient();
  if (!client) redirect("/portal?ended=1");
  if (client.mustChangePin) redirect("/portal/pin");
  return { caller: { client }, proof: null };
});

/** A client signed in to the portal with the handed-over PIN, which they must change first. */
export const portalPinAction = wrapper<{ client: PortalClient }>(async () => {
  const client = await currentPortalClient();
  if (!client) redirect("/portal?ended=1");
  return { caller: { client }, proof: null };
});

/** A browser past the password whose second sign-in step is still owed. */
export const pendingSignInAction = wrapper<{ sessionId: string }>(async () => {
  const state = await sessionState();
  if (state.kind !== "second-factor") redirect("/sign-in");
  return { caller: { sessionId: state.sessionId }, proof: null };
});

/** Anyone: sign-in steps, sign-up, password reset, invitations, the public request form. */
export const publicAction = wrapper<object>(async () => ({ caller: {}, proof: null }));
