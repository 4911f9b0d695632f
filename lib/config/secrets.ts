import { randomBytes } from "node:crypto";

const key = () => randomBytes(32).toString("base64");

/** A fresh, complete set of secrets and keys, as `.env` lines. */
export function generateSecrets(): Record<string, string> {
  return {
    AUTH_SECRET: randomBytes(48).toString("base64url"),
    NOTES_MASTER_KEYS: `1:${key()}`,
    IDENTITY_MASTER_KEYS: `1:${key()}`,
    ACCOUNT_SECRETS_KEY: key(),
    AUDIT_CHECKPOINT_KEY: key(),
  };
}

export function toEnvFile(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join("\n") + "\n";
}

/** Parses simple KEY=value lines (no quoting needed: our values are base64). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}
