import type { AccountHolder } from "./actor";
import { AppError } from "@/lib/http/errors";

// The step-up rule without Next.js's navigation helpers, so lib operations (and the scripts
// that call them) can check it. The entry pipeline (lib/entry) asks it for every action and route that declares `stepUp`.

// Sensitive actions (changing password or email, resetting a member's second factor, exports,
// revealing an identity) need the member to have proved who they are in full within this window.
export const STEP_UP_WINDOW_MS = 5 * 60_000;

export const isSteppedUp = (actor: Pick<AccountHolder, "stepUpAt">, now = Date.now()) =>
  actor.stepUpAt !== null && now - actor.stepUpAt.getTime() < STEP_UP_WINDOW_MS;

/** For operations and server actions that report errors inline: throws a 403 naming the step-up page. */
export function assertSteppedUp(actor: Pick<AccountHolder, "stepUpAt">): void {
  if (!isSteppedUp(actor)) throw STEP_UP_REQUIRED();
}

export const STEP_UP_REQUIRED = () =>
  new AppError("step_up_required", "For your security, confirm it is you (your password and code, or a passkey) before doing this.", 403);
