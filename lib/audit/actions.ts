// The audit vocabulary: every action Confide records, in one typed list. The README's table is
// printed from it (npm run audit:actions), and a unit test keeps the two in step.

export const AUDIT_ACTIONS = {
  "auth.signin.succeeded": { past: "signed in", about: "A member signed in." },
  "auth.signin.failed": { past: "failed to sign in", about: "A sign-in attempt was refused (wrong password or unknown email)." },
  "auth.signin.locked": { past: "was stopped from signing in (too many attempts)", about: "A sign-in attempt was refused because of too many recent failures." },
  "auth.mfa.succeeded": { past: "passed two-factor verification", about: "A member passed the second sign-in step (authenticator or recovery code)." },
  "auth.mfa.failed": { past: "entered a wrong two-factor code", about: "A second-step code was wrong, expired or already used." },
  "auth.totp.enrolled": { past: "turned on two-factor authentication", about: "A member confirmed an authenticator app with a first code." },
  "auth.recovery_codes.generated": { past: "generated new recovery codes", about: "A member's recovery codes were (re)generated; older ones stop working." },
  "auth.stepup.succeeded": { past: "confirmed their identity for a sensitive action", about: "A member re-entered their password (and second factor) before a sensitive action." },
  "auth.stepup.failed": { past: "failed to confirm their identity", about: "A step-up attempt had a wrong password or code, or was refused after too many failures." },
  "auth.password.changed": { past: "changed their password", about: "A member changed their password; their other sessions were ended." },
  "auth.mfa.reset": { past: "reset a member's two-factor authentication", about: "An owner removed a locked-out member's authenticator and recovery codes so they can enrol again." },
  "auth.signup.requested": { past: "asked to create a practice", about: "Someone asked to sign up; a confirmation link was emailed." },
  "practice.created": { past: "created the practice", about: "A confirmed sign-up created a practice and its owner." },
  "auth.password_reset.requested": { past: "asked for a password reset", about: "A password reset link was requested (sent only if the account exists)." },
  "auth.password_reset.completed": { past: "reset their password", about: "A member set a new password from a reset link; all their sessions were ended." },
  "auth.signout": { past: "signed out", about: "A member signed out and the session was ended." },
  "auth.session.revoked": { past: "ended a session", about: "A member ended one of their sessions before it expired." },
  "auth.sessions.revoked_all": { past: "signed out everywhere", about: "A member ended all of their sessions at once." },
  "practice.settings.changed": { past: "changed the practice's security settings", about: "An owner changed a practice-wide setting such as the idle timeout." },
  "member.invited": { past: "invited a new member", about: "An owner sent an invitation to join the practice with a role." },
  "member.invitation_revoked": { past: "withdrew an invitation", about: "An owner withdrew an invitation before it was used." },
  "member.joined": { past: "joined the practice", about: "Someone accepted an invitation and became a member." },
  "member.role_changed": { past: "changed a member's role", about: "An owner changed a member's role; the member's sessions were ended." },
  "member.removed": { past: "removed a member", about: "An owner removed a member; their sessions were ended at once." },
  "member.listed": { past: "viewed the member list", about: "The practice's member list was opened." },
  "audit.viewed": { past: "reviewed the audit trail", about: "The audit trail review screen was opened." },
  "audit.event.viewed": { past: "opened an audit event", about: "One audit event's detail was opened." },
  "audit.exported": { past: "exported the audit trail", about: "A filtered view of the trail was downloaded (CSV or JSON)." },
  "audit.verified": { past: "verified the audit trail", about: "The hash chain was checked from the first event to the last." },
  "audit.checkpoint.exported": { past: "exported an audit checkpoint", about: "A signed checkpoint of the chain head was downloaded." },
  "system.seeded": { past: "seeded demo data", about: "The demo practice was created or refreshed." },
} as const satisfies Record<string, { past: string; about: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const auditActionNames = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const isAuditAction = (value: string): value is AuditAction => value in AUDIT_ACTIONS;
