import { z } from "zod";

// What the test-only API (/api/test/*, e2e suites only) accepts. Its answers carry a password
// made for the test account: never a real person's.

export const createTestMemberSchema = z.strictObject({
  role: z.enum(["OWNER", "THERAPIST", "MANAGER"]).default("OWNER"),
  /** Join this practice (made by an earlier call) instead of a new one of their own. */
  practiceId: z.uuid().optional(),
  /** A new practice that requires a second factor (by default the test practice relaxes it). */
  requireTwoFactor: z.boolean().default(false),
  /** Open a signed-in session for them (the cookie comes back with the member). */
  signedIn: z.boolean().default(true),
});
export type CreateTestMemberInput = z.input<typeof createTestMemberSchema>;

export const endTestMembersSchema = z.strictObject({
  userIds: z.array(z.uuid()).min(1).max(50),
});
