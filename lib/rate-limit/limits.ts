// Every rate limit in Confide, in one place. Counters live in PostgreSQL, so they hold across
// app instances. Counters are kept per fixed window; checks weigh the previous window too (a
// sliding window), so no fresh allowance appears at a window boundary. Within one fixed window
// a key never passes `max`; across a boundary, any `windowSeconds` sees at most twice that.
//
// Sign-in keys are chosen so that a stranger cannot keep someone out (see docs/security.md, "Brute
// force"): failures count per account (or client code) AND address, with a ceiling per account
// across all addresses that an address the account signed in from recently is exempt from.
export const LIMITS = {
  /** Failed sign-ins for one typed email from one IP address. */
  signInAccountAddress: { prefix: "signin:acct-ip", max: 5, windowSeconds: 15 * 60 },
  /** Failed sign-ins for one typed email from every address but the account's known ones. */
  signInAccount: { prefix: "signin:acct", max: 20, windowSeconds: 60 * 60 },
  /** Failed sign-ins from one IP address, across accounts (password and passkey). */
  signInIp: { prefix: "signin:ip", max: 30, windowSeconds: 15 * 60 },
  /** An address the account signed in from (set on success; read as "known" for 30 to 60 days). */
  signInKnownAddress: { prefix: "signin:known", max: 1, windowSeconds: 30 * 86_400 },
  /** Sign-up and password-reset emails requested for one address, and from one IP. */
  emailLinkAddress: { prefix: "mail:addr", max: 3, windowSeconds: 60 * 60 },
  emailLinkIp: { prefix: "mail:ip", max: 20, windowSeconds: 60 * 60 },
  /** Email changes one member asks for (each emails a link to the new address and a notice to the old). */
  emailChange: { prefix: "mail:change", max: 3, windowSeconds: 60 * 60 },
  /** Invitations sent by one practice. */
  inviteSend: { prefix: "invite:send", max: 30, windowSeconds: 60 * 60 },
  /** Invitation links tried from one IP (guessing tokens is hopeless, but cheap to stop). */
  inviteAccept: { prefix: "invite:ip", max: 20, windowSeconds: 15 * 60 },
  /**
   * Failed second steps (authenticator code, recovery code or passkey) and step-ups for one
   * account. Only someone past the password (or signed in) reaches them, so not per address.
   */
  secondFactor: { prefix: "mfa:user", max: 5, windowSeconds: 15 * 60 },
  /** Passkey challenges handed out to one IP (anyone may ask for one; each is a stored row). */
  webauthnChallengeIp: { prefix: "webauthn:ip", max: 60, windowSeconds: 15 * 60 },
  /** Wrong portal PINs for one client code from one IP address. */
  portalCodeAddress: { prefix: "portal:code-ip", max: 5, windowSeconds: 15 * 60 },
  /** Wrong portal PINs for one client code from every address but the client's known ones. */
  portalCode: { prefix: "portal:code", max: 10, windowSeconds: 60 * 60 },
  /** Portal sign-in failures from one IP, across codes. */
  portalIp: { prefix: "portal:ip", max: 30, windowSeconds: 15 * 60 },
  /** An address the client signed in to the portal from (read as "known" for 30 to 60 days). */
  portalKnownAddress: { prefix: "portal:known", max: 1, windowSeconds: 30 * 86_400 },
  /** Requests a client (or the public form, per IP) may submit. */
  requestSubmit: { prefix: "request:sub", max: 10, windowSeconds: 60 * 60 },
  /** Appointment cancellations a client may ask for in the portal, and requests they may withdraw. */
  portalAppointmentChange: { prefix: "portal:appt", max: 10, windowSeconds: 60 * 60 },
  /** Calendar fetches one clinician asks for (connecting and "Sync now"): each is an outbound request. */
  calendarFetch: { prefix: "calendar:fetch", max: 30, windowSeconds: 60 * 60 },
} as const;

export type Limit = (typeof LIMITS)[keyof typeof LIMITS];

/** Failures before each attempt is slowed down, and the ceiling of that delay. */
export const PROGRESSIVE_DELAY = { after: 3, baseMs: 500, maxMs: 8_000 } as const;
