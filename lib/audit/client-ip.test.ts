import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

describe("client IP behind proxies", () => {
  it("takes the address our proxy appended, not what the client claimed", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.9", null, 1)).toBe("203.0.113.9");
    expect(clientIpFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", null, 2)).toBe("203.0.113.9");
  });
  it("uses the only entry, or X-Real-IP, when that is all there is", () => {
    expect(clientIpFrom("203.0.113.9", null, 1)).toBe("203.0.113.9");
    expect(clientIpFrom(null, "198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientIpFrom(null, null, 1)).toBeNull();
  });
});
