import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter an email address like name@example.org." }).max(254));

export const signInSchema = z.object({
  email: emailSchema,
  // Bounded so nobody can make us hash a megabyte.
  password: z.string().min(1, "Enter your password.").max(256, "Passwords are at most 256 characters."),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The error next-auth passes to the sign-in form when sign-in is paused by rate limiting. */
export const SIGN_IN_LOCKED = "SignInLocked";
/** The error for right credentials on an account that may not sign in now (its practice is suspended). */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";
