import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/schema";
import { generateSecrets } from "@/lib/config/secrets";
import { clientIpFrom } from "./client-ip";

describe("client IP with no proxy (TRUSTED_PROXY_HOPS=0, the default)", () => {
  it("trusts no proxy unless told to, so a client cannot choose the address it is recorded under", () => {
    const { TRUSTED_PROXY_HOPS } = parseConfig({ ...generateSecrets(), DATABASE_URL: "postgresql://app@localhost/c", VAULT_DATABASE_URL: "postgresql://vault@localhost/c" }).data!;
    expect(TRUSTED_PROXY_HOPS).toBe(0);
    expect(clientIpFrom("6.6.6.6", "203.0.113.9", TRUSTED_PROXY_HOPS)).toBe("203.0.113.9");
  });
  it("uses the socket's address and ignores what the client put in X-Forwarded-For", () => {
    expect(clientIpFrom("6.6.6.6", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFrom("6.6.6.6, 7.7.7.7", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "203.0.113.9", 0)).toBe("203.0.113.9");
  });
  it("never falls back to a header when the socket's address is unknown", () => {
    expect(clientIpFrom("6.6.6.6", null, 0)).toBeNull();
  });
  it("counts an IPv4 address seen on a dual-stack socket as itself", () => {
    expect(clientIpFrom(null, "::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "2001:db8::1", 0)).toBe("2001:db8::1");
  });
});

describe("client IP behind proxies", () => {
  it("takes the address our one proxy wrote, not what the client claimed (hops 1)", () => {
    // Caddy replaces the header with the address it saw; a proxy that appends leaves the claim on the left.
    expect(clientIpFrom("203.0.113.9", "172.18.0.5", 1)).toBe("203.0.113.9");
    expect(clientIpFrom("6.6.6.6, 203.0.113.9", "172.18.0.5", 1)).toBe("203.0.113.9");
  });
  it("takes the entry as many from the right as there are proxies (hops 2)", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", "172.18.0.5", 2)).toBe("203.0.113.9");
    expect(clientIpFrom("203.0.113.9, 10.0.0.2", "172.18.0.5", 2)).toBe("203.0.113.9");
  });
  it("uses the leftmost entry when fewer proxies wrote than expected, and the socket when none did", () => {
    expect(clientIpFrom("203.0.113.9", "172.18.0.5", 2)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "172.18.0.5", 1)).toBe("172.18.0.5");
    expect(clientIpFrom(" , ", null, 1)).toBeNull();
  });
  it("keeps what it records short", () => {
    expect(clientIpFrom(`${"9".repeat(200)}`, null, 1)).toHaveLength(64);
  });
});
