import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";

// The browser half of passkeys: fetch a challenge from /api/webauthn, let the browser and the
// authenticator answer it, hand the answer back. Errors become plain words for the user.

/** A refusal from Confide, already in words fit for the user, with Confide's error code. */
class PasskeyProblem extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

async function postJson<T>(url: string, body: unknown = {}): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
  if (!res.ok) {
    const fieldMessage = data?.error?.fields ? Object.values(data.error.fields)[0] : undefined;
    throw new PasskeyProblem(fieldMessage ?? data?.error?.message ?? "Something went wrong on our side. Please try again.", data?.error?.code);
  }
  return data as T;
}

function requireSupport() {
  if (!browserSupportsWebAuthn()) {
    throw new PasskeyProblem("This browser cannot use passkeys. Try an up-to-date Chrome, Edge, Safari or Firefox.");
  }
}

/** Creates a passkey on this device and stores it with the given name. */
export async function addPasskey(name: string) {
  requireSupport();
  const optionsJSON = await postJson<PublicKeyCredentialCreationOptionsJSON>("/api/webauthn/register/options");
  const response = await startRegistration({ optionsJSON });
  await postJson("/api/webauthn/register", { name, response });
}

/** Signs a fresh challenge with a passkey, for signing in or for the second step. */
export async function answerWithPasskey(purpose: "sign-in" | "second-factor" | "step-up"): Promise<AuthenticationResponseJSON> {
  requireSupport();
  const optionsJSON = await postJson<PublicKeyCredentialRequestOptionsJSON>("/api/webauthn/authenticate/options", { purpose });
  return startAuthentication({ optionsJSON });
}

/** Whether Confide refused because the member must confirm it is them first (step-up). */
export const passkeyNeedsStepUp = (error: unknown) => error instanceof PasskeyProblem && error.code === "step_up_required";

/** Plain words for whatever went wrong during a passkey ceremony. */
export function passkeyErrorMessage(error: unknown): string {
  if (error instanceof PasskeyProblem) return error.message;
  const cause = error instanceof WebAuthnError ? (error.cause as Error | undefined) : error;
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
    return "This device already holds a passkey for your Confide account. You can use that one, or add a passkey on another device.";
  }
  if (cause instanceof Error && (cause.name === "NotAllowedError" || cause.name === "AbortError")) {
    return "The passkey request was cancelled or timed out. You can try again when you are ready.";
  }
  if (error instanceof TypeError) return "We could not reach Confide. Check your connection and try again.";
  return "Your browser could not use a passkey just now. Please try again, or use another way to sign in.";
}
