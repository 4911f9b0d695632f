import { SIGN_IN_LOCKED } from "@/lib/auth/schema";

/** What the sign-in page says when next-auth refuses: paused by rate limiting, or `otherwise`. */
export function signInRefusal(error: string | null | undefined, otherwise: string): string {
  return error === SIGN_IN_LOCKED
    ? "Too many sign-in attempts. For your security, signing in is paused for a while. Please try again in 15 minutes."
    : otherwise;
}
