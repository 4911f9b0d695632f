import { describe, expect, it } from "vitest";
import { describeConfigErrors, parseConfig, productionServerRefusal } from "./schema";
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

  describe("the test-only API's secret", () => {
    const SECRET = "test-api-secret-0123456789abcdef-0123456789";
    const testSetup = () => ({
      ...valid(),
      APP_URL: "http://localhost:3140",
      DATABASE_URL: "postgresql://confide_app:pw@127.0.0.1:54371/confide_e2e",
      VAULT_DATABASE_URL: "postgresql://confide_vault:pw@127.0.0.1:54371/confide_e2e",
      CONFIDE_TEST_API_SECRET: SECRET,
    });
    const refusal = (input: Record<string, string>) => {
      const parsed = parseConfig(input);
      return parsed.success ? null : describeConfigErrors(parsed.error, input);
    };

    it("is accepted for a local app on a test suite's own database, and is off when unset", () => {
      expect(parseConfig(testSetup()).data?.CONFIDE_TEST_API_SECRET).toBe(SECRET);
      expect(parseConfig({ ...testSetup(), DATABASE_URL: "postgresql://a@localhost/confide_t_0a1b2c", VAULT_DATABASE_URL: "postgresql://v@[::1]/confide_t_0a1b2c" }).success).toBe(true);
      expect(parseConfig(valid()).data?.CONFIDE_TEST_API_SECRET).toBeUndefined();
    });

    it("stops the server from starting against any other database, naming the variable but not its value", () => {
      for (const DATABASE_URL of [
        "postgresql://confide_app:pw@127.0.0.1:5432/confide", // a real database on this machine
        "postgresql://confide_app:pw@db:5432/confide_e2e", // a test-looking name elsewhere
        "postgresql://confide_app:pw@127.0.0.1:5432/confide_e2e_prod",
      ]) {
        const message = refusal({ ...testSetup(), DATABASE_URL });
        expect(message, DATABASE_URL).toContain("CONFIDE_TEST_API_SECRET: is for test suites only");
        expect(message).not.toContain(SECRET);
      }
      expect(refusal({ ...testSetup(), VAULT_DATABASE_URL: "postgresql://v@vault.internal/confide_e2e" })).toContain("CONFIDE_TEST_API_SECRET");
    });

    it("stops the server from starting with a public address", () => {
      expect(refusal({ ...testSetup(), APP_URL: "https://confide.example.org" })).toContain("CONFIDE_TEST_API_SECRET: is for test suites only: APP_URL must be on localhost");
    });

    it("must be long enough not to be guessed", () => {
      expect(refusal({ ...testSetup(), CONFIDE_TEST_API_SECRET: "short" })).toContain("CONFIDE_TEST_API_SECRET: must be at least 32 characters");
    });
  });
});

describe("the production server's own requirements", () => {
  it("refuses production without an erasure ledger, and nothing else without one", () => {
    const production = parseConfig(valid()).data!;
    expect(productionServerRefusal(production)).toMatch(/^ERASURE_LEDGER_DIR: is missing\. .*restore from backup re-applies it/);
    expect(productionServerRefusal(parseConfig({ ...valid(), ERASURE_LEDGER_DIR: "/var/lib/confide/ledger" }).data!)).toBeNull();
    expect(productionServerRefusal(parseConfig({ ...valid(), NODE_ENV: "development" }).data!)).toBeNull();
  });
});
