import "server-only";
import type { Route } from "next";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import type { AccountHolder } from "@/lib/auth/actor";
import { isSteppedUp } from "@/lib/auth/step-up-check";
import { safeReturnPath } from "@/lib/http/return-path";

/** The step-up page's address, returning to `returnTo` afterwards. */
export const stepUpPath = (returnTo: string) => `/step-up?next=${encodeURIComponent(safeReturnPath(returnTo))}` as Route;

/** For pages: continue if stepped up, else send the member to step up first. */
export function requireStepUp(actor: Pick<AccountHolder, "stepUpAt">, returnTo: string): void {
  if (!isSteppedUp(actor)) redirect(stepUpPath(returnTo));
}

/** For GET downloads: null if stepped up, else a redirect to step up first and come back. */
export function stepUpResponse(actor: Pick<AccountHolder, "stepUpAt">, url: URL): NextResponse | null {
  if (isSteppedUp(actor)) return null;
  return NextResponse.redirect(new URL(stepUpPath(url.pathname + url.search), config().APP_URL), 303);
}
