import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "./describe";

const noNames = () => undefined;
const base = { actorRole: "client", outcome: "SUCCESS" };

describe("describeAuditEvent names the client who acted", () => {
  it("by their own code, once, when they act on their record", () => {
    const e = { ...base, actorType: "CLIENT", actorId: "K7Q4MX2PB9XD", action: "portal.signin.succeeded", targetType: "client", targetId: "K7Q4MX2PB9XD" };
    expect(describeAuditEvent(e, noNames)).toBe("Client K7Q4MX2PB9XD signed in to the portal");
  });

  it("by their code, not the id of what they acted on", () => {
    const e = { ...base, actorType: "CLIENT", actorId: "K7Q4MX2PB9XD", action: "reflection.written", targetType: "reflection", targetId: "0b7e1c8e-2a55-4a35-9d38-3b9b0d7c3f11" };
    expect(describeAuditEvent(e, noNames)).toBe("Client K7Q4MX2PB9XD wrote a reflection");
  });

  it("as someone without an account for the public request form", () => {
    const e = { ...base, actorType: "CLIENT", actorId: null, actorRole: "public", action: "request.submitted", targetType: "request", targetId: "0b7e1c8e-2a55-4a35-9d38-3b9b0d7c3f11" };
    expect(describeAuditEvent(e, noNames)).toBe("Someone without an account made a data request");
  });
});
