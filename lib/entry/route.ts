import "server-only";
import { NextRequest } from "next/server";
import type { z } from "zod";
import type { AuditContext } from "@/lib/audit/schema";
import { auditContextFromHeaders } from "@/lib/audit/context";
import type { AccountHolder, Actor, MemberRole, PlatformAccess } from "@/lib/auth/actor";
import { isSteppedUp, STEP_UP_REQUIRED } from "@/lib/auth/step-up-check";
import { config } from "@/lib/config";
import { AppError, forbidden, signedOut } from "@/lib/http/errors";
import { isCrossOriginWrite } from "@/lib/http/same-origin";
import { practicePaused } from "@/lib/platform/active";
import type { PortalClient } from "@/lib/portal/session";
import type { Limit } from "@/lib/rate-limit";
import { currentAccountHolder, currentActor, portalSessionState } from "./caller";
import { enforceRateLimit } from "./rate-limit";
import { errorResponse } from "./respond";
import { stepUpResponse } from "./step-up";

// The one door for route handlers: who is calling (a 401 with one message when nobody is),
// same-origin for writes (a second line behind proxy.ts), step-up, rate limit, the JSON body
// and query parsed with zod, and every error mapped to JSON by errorResponse.

const MAX_JSON_BYTES = 256 * 1024;

interface RouteOptions<Caller, B, Q> {
  /** The JSON body's schema (bodies over 256 KB are refused before parsing). */
  body?: B;
  /** The query string's schema (one value per name). */
  query?: Q;
  /** A recent full proof of identity: GETs are sent to step up and come back, others get a 403. */
  stepUp?: boolean;
  rateLimit?: { limit: Limit; key: (caller: Caller & { audit: AuditContext }) => string };
  /** Only members in these roles (others: 403). */
  roles?: readonly MemberRole[];
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<Caller, P, B, Q> = Caller & {
  request: NextRequest;
  params: P;
  audit: AuditContext;
  body: Parsed<B>;
  query: Parsed<Q>;
};

type Resolve<Caller> = () => Promise<{ caller: Caller; proof: Pick<AccountHolder, "stepUpAt"> | null }>;

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** The JSON body, refused with a 413 as soon as it passes the cap (a missing or false
 *  Content-Length cannot get past it: the stream is counted as it arrives). */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const tooLarge = new AppError("too_large", "The request is too large.", 413);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge;
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel();
      throw tooLarge;
    }
    parts.push(chunk.value);
  }
  const text = new TextDecoder("utf-8").decode(Buffer.concat(parts));
  try {
    return JSON.parse(text || "{}");
  } catch {
    throw new AppError("invalid_json", "The request could not be read.", 400);
  }
}

function routeWrapper<Caller extends object>(resolve: Resolve<Caller>) {
  return <P extends Record<string, string | string[]> = Record<string, never>, B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    options: RouteOptions<Caller, B, Q>,
    handler: (context: RouteContext<Caller, P, B, Q>) => Promise<Response>,
  ): Handler =>
    async (incoming, context) => {
      const request = incoming instanceof NextRequest ? incoming : new NextRequest(incoming);
      try {
        if (isCrossOriginWrite(request.method, request.headers, new URL(config().APP_URL).origin)) {
          throw new AppError("cross_origin", "This request came from another website and was refused.", 403);
        }
        const { caller, proof } = await resolve();
        if (options.roles && !options.roles.includes((caller as { actor?: Actor }).actor?.role as MemberRole)) throw forbidden();
        if (options.stepUp && !(proof && isSteppedUp(proof))) {
          const redirect = request.method === "GET" && proof ? stepUpResponse(proof, request.nextUrl) : null;
          if (redirect) return redirect;
          throw STEP_UP_REQUIRED();
        }
        const audit = auditContextFromHeaders(request.headers);
        if (options.rateLimit) await enforceRateLimit(options.rateLimit.limit, options.rateLimit.key({ ...caller, audit }));
        const body = options.body ? options.body.parse(await readJson(request)) : undefined;
        const query = options.query ? options.query.parse(Object.fromEntries(request.nextUrl.searchParams)) : undefined;
        const params = ((await context?.params) ?? {}) as P;
        return await handler({ ...caller, request, params, audit, body, query } as RouteContext<Caller, P, B, Q>);
      } catch (error) {
        return errorResponse(error);
      }
    };
}

/** A fully signed-in member of a practice. */
export const memberRoute = routeWrapper<{ actor: Actor }>(async () => {
  const actor = await currentActor();
  if (!actor) throw signedOut();
  return { caller: { actor }, proof: actor };
});

/** A member, also one who must still set up a second factor (to let them do so). */
export const enrollingRoute = routeWrapper<{ actor: Actor }>(async () => {
  const actor = await currentActor({ duringEnrolment: true });
  if (!actor) throw signedOut();
  return { caller: { actor }, proof: actor };
});

/** Any signed-in account acting for itself (a member, one enrolling, or an operator). */
export const accountRoute = routeWrapper<{ holder: AccountHolder; platform: PlatformAccess }>(async () => {
  const signedIn = await currentAccountHolder();
  if (!signedIn) throw signedOut();
  return { caller: signedIn, proof: signedIn.holder };
});

/** A client signed in to the portal (403 while their practice is paused). */
export const portalRoute = routeWrapper<{ client: PortalClient }>(async () => {
  const state = await portalSessionState();
  if (state.kind === "paused") throw practicePaused(state.practiceName);
  if (state.kind !== "client") throw new AppError("unauthenticated", "Your portal session has ended. Please sign in again.", 401);
  return { caller: { client: state.client }, proof: null };
});

/** Anyone (health, calendar feeds by secret token, sign-in steps, next-auth itself). */
export const publicRoute = routeWrapper<object>(async () => ({ caller: {}, proof: null }));
