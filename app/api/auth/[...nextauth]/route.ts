import NextAuth from "next-auth";
import { authOptions } from "@/lib/entry/auth-options";
import { publicRoute, type RouteContext } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

// next-auth's own endpoints (sign-in with password or passkey, sign-out, CSRF token). next-auth 4
// expects resolved params; Next 16 hands them over as a promise, which the pipeline resolves.
const nextAuth = async ({ request, params }: RouteContext<object, { nextauth: string[] }, undefined, undefined>) => NextAuth(request as never, { params } as never, authOptions());

export const GET = publicRoute({}, nextAuth);
export const POST = publicRoute({}, nextAuth);
