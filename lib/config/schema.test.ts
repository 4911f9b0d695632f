import { describe, expect, it } from "vitest";
import { describeConfigErrors, parseConfig } from "./schema";
import { generateSecrets } from "./secrets";

const valid = (): Record<string, string> => ({
  ...generateSecrets(),
  DATABASE_URL: "postgresql://app@localhost/confide",
  VAULT_DATABASE_URL: "postgresql://vault@localhost/confide",
  NODE_ENV: "production",
});

describe("configuration", () => {
  it("accepts a freshly generated set of secrets", () => {
    const parsed = parseConfig(valid());
    expect(parsed.success).toBe(true);
    expect(parsed.data?.NOTES_MASTER_KEYS.current).toBe(1);
    expect(parsed.data?.NOTES_MASTER_KEYS.keys.get(1)).toHaveLength(32);
  });

  it("names each missing secret without echoing any value", () => {
    const input: Record<string, string> = { ...valid(), AUTH_SECRET: "too-short-secret" };
    delete input.NOTES_MASTER_KEYS;
    const parsed = parseConfig(input);
    expect(parsed.success).toBe(false);
    const message = describeConfigErrors(parsed.error!, input);
    expect(message).toContain("NOTES_MASTER_KEYS: is missing");
    expect(message).toContain("AUTH_SECRET: must be at least 32 characters");
    expect(message).not.toContain("too-short-secret");
  });

  it("treats empty values as unset, as docker-compose passes them", () => {
    const input = { ...valid(), AUDIT_CHECKPOINT_KEY: "" };
    const parsed = parseConfig(input);
    expect(describeConfigErrors(parsed.error!, input)).toContain("AUDIT_CHECKPOINT_KEY: is missing");
  });

  it("rejects keys of the wrong length and malformed key lists", () => {
    const short = Buffer.alloc(16).toString("base64");
    const input = { ...valid(), ACCOUNT_SECRETS_KEY: short, IDENTITY_MASTER_KEYS: "one:abc" };
    const parsed = parseConfig(input);
    const message = describeConfigErrors(parsed.error!, input);
    expect(message).toContain("ACCOUNT_SECRETS_KEY: must be 32 random bytes");
    expect(message).toContain("IDENTITY_MASTER_KEYS: must look like");
  });

  it("reads versioned master keys and picks the highest version to encrypt", () => {
    const k = () => Buffer.alloc(32, 7).toString("base64");
    const parsed = parseConfig({ ...valid(), NOTES_MASTER_KEYS: `1:${k()},3:${k()},2:${k()}` });
    expect(parsed.data?.NOTES_MASTER_KEYS.current).toBe(3);
    expect([...parsed.data!.NOTES_MASTER_KEYS.keys.keys()].sort()).toEqual([1, 2, 3]);
  });

  it("generates different secrets every time", () => {
    expect(generateSecrets().AUTH_SECRET).not.toBe(generateSecrets().AUTH_SECRET);
  });
});
