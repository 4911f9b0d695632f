import { SIGN_IN_LOCKED, SIGN_IN_UNAVAILABLE } from "@/lib/auth/schema";

/** What the sign-in page says when next-auth refuses: paused by rate limiting, unavailable, or `otherwise`. */
export function signInRefusal(error: string | null | undefined, otherwise: string): string {
  if (error === SIGN_IN_LOCKED) {
    return "Too many sign-in attempts. For your security, signing in is paused for a while. Please try again in 15 minutes.";
  }
  if (error === SIGN_IN_UNAVAILABLE) {
    return "This account cannot sign in at the moment. If you think this is a mistake, please contact Confide support.";
  }
  return otherwise;
}
