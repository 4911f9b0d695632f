import { z } from "zod";

// What a browser may send us from a WebAuthn ceremony (shapes from @simplewebauthn/browser),
// bounded so nobody can make us parse a megabyte. The library checks the content itself.

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, "not base64url");

const credential = {
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

export const registrationResponseSchema = z.object({
  ...credential,
  response: z.object({
    clientDataJSON: b64url(4000),
    attestationObject: b64url(16000),
    authenticatorData: b64url(8000).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8000).optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...credential,
  response: z.object({
    clientDataJSON: b64url(4000),
    authenticatorData: b64url(8000),
    signature: b64url(2000),
    userHandle: b64url(200).optional(),
  }),
});

export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
export type AuthenticationResponse = z.infer<typeof authenticationResponseSchema>;

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name, such as “Work laptop” or “Phone”.")
  .max(60, "Use at most 60 characters for the name.");

export const registerPasskeySchema = z.object({ name: passkeyNameSchema, response: registrationResponseSchema });
export const renamePasskeySchema = z.object({ name: passkeyNameSchema });

/** Which ceremony a browser asks to start a sign-in for: a passkey alone, or as the second step. */
export const authenticationPurposeSchema = z.object({ purpose: z.enum(["sign-in", "second-factor", "step-up"]).default("sign-in") });

/** The challenge the browser says it signed: the key to our stored (single-use) challenge row. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const parsed = z.object({ challenge: b64url(200) }).safeParse(JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}
