import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { LIMITS } from "@/lib/rate-limit";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";

// The one door (lib/entry): what every server action and route handler gets without writing
// it. Each rule is tested on the pipeline itself, with a real session row and a real database,
// and each refusal is shown to stop before the handler runs.

let cookie: string | undefined;
const set = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name.endsWith("confide.session") && cookie ? { value: cookie } : undefined),
    set: (name: string, value: string) => void set.set(name, value),
    delete: (name: string) => void set.delete(name),
  }),
  headers: async () => new Headers({ "user-agent": "entry-test", "x-forwarded-for": "198.51.100.77" }),
}));

const db = setUpTestDatabase();
let practiceId: string;
const members: Record<"OWNER" | "THERAPIST", { userId: string; membershipId: string }> = {} as never;

async function signedInAs(role: "OWNER" | "THERAPIST", opts: { stepUp?: boolean } = {}) {
  const session = await openTestSession(members[role].userId, members[role].membershipId, { mfa: true, stepUp: opts.stepUp });
  cookie = await encode({ token: { sid: session.id }, secret: process.env.AUTH_SECRET! });
}

/** The pipeline as a fresh request sees it (React's cache is per request). */
async function entry() {
  vi.resetModules();
  // AppError comes from the same fresh module graph, so `instanceof` holds inside the door.
  return { ...(await import("@/lib/entry/action")), ...(await import("@/lib/entry/route")), AppError: (await import("@/lib/http/errors")).AppError };
}

/** Where a Next redirect was going, or null when `run` did not redirect. */
async function redirectOf(run: Promise<unknown>): Promise<string | null> {
  try {
    await run;
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2]!;
  }
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

type State = { error: string | null; values?: Record<string, string>; done?: boolean };
const keepName = (message: string, formData: FormData): State => ({ error: message, values: { name: String(formData.get("name") ?? "") } });

beforeAll(async () => {
  process.env.TRUSTED_PROXY_HOPS = "1"; // the test's X-Forwarded-For stands for a reverse proxy's
  const practice = await createPractice({ name: "Door", requireTwoFactor: false, twoFactorRelaxedReason: "entry test" });
  practiceId = practice.id;
  for (const role of ["OWNER", "THERAPIST"] as const) members[role] = await createMember({ practice, role, tag: role.toLowerCase() });
});

beforeEach(async () => {
  cookie = undefined;
  set.clear();
  await db.prisma.rateLimitBucket.deleteMany({});
});

describe("server actions through the door", () => {
  it("hands the handler the signed-in member and the request's audit context", async () => {
    await signedInAs("THERAPIST");
    const { memberAction } = await entry();
    const seen: unknown[] = [];
    const action = memberAction({ failure: keepName }, async ({ actor, audit }, _prev: State, formData: FormData): Promise<State> => {
      seen.push(actor.practiceId, actor.role, audit.ip, audit.userAgent, formData.get("name"));
      return { error: null, done: true };
    });
    expect(await action({ error: null }, form({ name: "C-1" }))).toEqual({ error: null, done: true });
    expect(seen).toEqual([practiceId, "THERAPIST", "198.51.100.77", "entry-test", "C-1"]);
  });

  it("sends a browser with no session to sign in, before the handler runs", async () => {
    const { memberAction } = await entry();
    const handler = vi.fn(async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => ({ error: null }));
    expect(await redirectOf(memberAction({ failure: keepName }, handler)({ error: null }, form({})))).toBe("/sign-in");
    expect(handler).not.toHaveBeenCalled();
  });

  it("reports a refusal in the form's state and keeps what was typed; a bug is not swallowed", async () => {
    await signedInAs("THERAPIST");
    const { memberAction, AppError } = await entry();
    const refused = memberAction({ failure: keepName }, async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => {
      throw new AppError("nope", "That cannot be done.", 400);
    });
    expect(await refused({ error: null }, form({ name: "typed text" }))).toEqual({ error: "That cannot be done.", values: { name: "typed text" } });
    const invalid = memberAction({ failure: keepName }, async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => z.object({ n: z.string({ message: "Enter a name." }) }).parse({}) as never);
    expect(await invalid({ error: null }, form({ name: "x" }))).toMatchObject({ error: "Enter a name." });
    const bug = memberAction({ failure: keepName }, async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => {
      throw new TypeError("a bug");
    });
    await expect(bug({ error: null }, form({}))).rejects.toThrow("a bug");
  });

  it("parses the form with the declared schema, and refuses bad input before the handler runs", async () => {
    await signedInAs("THERAPIST");
    const { memberAction } = await entry();
    const handler = vi.fn(async ({ input }: { input: { minutes: number; tags: string[] } }, _prev: State, _formData: FormData): Promise<State> => ({ error: null, values: { got: `${input.minutes}:${input.tags.join("+")}` } }));
    const schema = z.object({ minutes: z.coerce.number().int().min(10, "At least 10 minutes."), tags: z.array(z.string()) });
    const action = memberAction({ failure: keepName, input: schema }, handler);
    const good = form({ minutes: "50" });
    good.append("tags", "a");
    good.append("tags", "b");
    expect(await action({ error: null }, good)).toEqual({ error: null, values: { got: "50:a+b" } });
    expect(await action({ error: null }, form({ minutes: "5", name: "kept" }))).toEqual({ error: "At least 10 minutes.", values: { name: "kept" } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("flashes a plain form's message and goes back; a refusal is flashed the same way", async () => {
    await signedInAs("THERAPIST");
    const { memberAction, AppError } = await entry();
    const back = (formData: FormData) => `/clients/${String(formData.get("code"))}`;
    expect(await redirectOf(memberAction({ back }, async (_ctx: unknown, _formData: FormData) => "Label saved.")(form({ code: "K7Q4" })))).toBe("/clients/K7Q4");
    expect(decodeURIComponent(set.get("confide.flash")!)).toBe("Label saved.");
    const refused = memberAction({ back }, async (_ctx: unknown, _formData: FormData) => {
      throw new AppError("nope", "That label is too long.", 400);
    });
    expect(await redirectOf(refused(form({ code: "K7Q4" })))).toBe("/clients/K7Q4");
    expect(decodeURIComponent(set.get("confide.flash")!)).toBe("That label is too long.");
  });

  it("sends a member who has not stepped up to the step-up page and back, or refuses inline, before the handler runs", async () => {
    await signedInAs("OWNER");
    const { memberAction } = await entry();
    const handler = vi.fn(async (_ctx: unknown, _formData: FormData) => "Done.");
    const withBack = memberAction({ stepUp: true, back: () => "/members" }, handler);
    expect(await redirectOf(withBack(form({})))).toBe("/step-up?next=%2Fmembers");
    const inline = memberAction({ stepUp: true, failure: keepName }, async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => ({ error: null, done: true }));
    expect(await inline({ error: null }, form({ name: "kept" }))).toEqual({ error: expect.stringMatching(/confirm it is you/), values: { name: "kept" } });
    expect(handler).not.toHaveBeenCalled();

    await signedInAs("OWNER", { stepUp: true });
    const { memberAction: fresh } = await entry();
    expect(await redirectOf(fresh({ stepUp: true, back: () => "/members" }, handler)(form({})))).toBe("/members");
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("refuses a role the action does not declare", async () => {
    await signedInAs("THERAPIST");
    const { memberAction } = await entry();
    const handler = vi.fn(async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => ({ error: null }));
    expect(await memberAction({ roles: ["OWNER"], failure: keepName }, handler)({ error: null }, form({}))).toMatchObject({ error: "You do not have access to this." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("counts calls against a declared rate limit and refuses past it", async () => {
    await signedInAs("THERAPIST");
    const { memberAction } = await entry();
    const limit = LIMITS.requestSubmit;
    const handler = vi.fn(async (_ctx: unknown, _prev: State, _formData: FormData): Promise<State> => ({ error: null }));
    const action = memberAction({ failure: keepName, rateLimit: { limit, key: ({ actor }) => actor.userId } }, handler);
    for (let i = 0; i < limit.max; i++) expect(await action({ error: null }, form({}))).toEqual({ error: null });
    expect(await action({ error: null }, form({ name: "kept" }))).toEqual({ error: expect.stringMatching(/^Too many requests\. Please try again in \d+ minutes?\.$/), values: { name: "kept" } });
    expect(handler).toHaveBeenCalledTimes(limit.max);
  });
});

describe("route handlers through the door", () => {
  const request = (url: string, init: RequestInit = {}) => new Request(`http://localhost:3000${url}`, init);

  it("answers 401 with one message when nobody is signed in, before the handler runs", async () => {
    const { memberRoute } = await entry();
    const handler = vi.fn(async () => new Response("secret"));
    const response = await memberRoute({}, handler)(request("/api/x"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Your session has ended. Please sign in again." } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a write from another origin, whoever is signed in", async () => {
    await signedInAs("OWNER", { stepUp: true });
    const { memberRoute } = await entry();
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    const response = await memberRoute({}, handler)(request("/api/x", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("cross_origin");
    expect(handler).not.toHaveBeenCalled();
  });

  it("sends a GET that needs a step-up to the step-up page and back; refuses other methods with 403", async () => {
    await signedInAs("OWNER");
    const { memberRoute } = await entry();
    const handler = vi.fn(async () => new Response("zip"));
    const download = await memberRoute({ stepUp: true }, handler)(request("/api/export/practice?reason=x"));
    expect(download.status).toBe(303);
    expect(download.headers.get("location")).toMatch(/\/step-up\?next=%2Fapi%2Fexport%2Fpractice%3Freason%3Dx$/);
    const write = await memberRoute({ stepUp: true }, handler)(request("/api/x", { method: "POST", headers: { origin: "http://localhost:3000" } }));
    expect(write.status).toBe(403);
    expect((await write.json()).error.code).toBe("step_up_required");
    expect(handler).not.toHaveBeenCalled();
  });

  it("parses the body and query with the declared schemas; refuses bad, malformed and oversized input with 4xx", async () => {
    await signedInAs("THERAPIST");
    const { memberRoute } = await entry();
    const route = memberRoute({ body: z.object({ n: z.number().max(10) }), query: z.object({ mode: z.enum(["a", "b"]) }) }, async ({ body, query }) => Response.json({ n: body.n, mode: query.mode }));
    const post = (url: string, body: string) => route(request(url, { method: "PUT", body, headers: { "content-type": "application/json" } }));
    expect(await (await post("/api/x?mode=a", '{"n":3}')).json()).toEqual({ n: 3, mode: "a" });
    expect((await post("/api/x?mode=c", '{"n":3}')).status).toBe(400);
    expect((await post("/api/x?mode=a", '{"n":30}')).status).toBe(400);
    expect((await post("/api/x?mode=a", "{not json")).status).toBe(400);
    expect((await post("/api/x?mode=a", JSON.stringify({ n: 1, pad: "x".repeat(300 * 1024) }))).status).toBe(413);
    // A streamed body with no Content-Length is counted as it arrives and cut off past the cap.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const streamed = await route(request("/api/x?mode=a", { method: "PUT", body: endless, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a role the route does not declare, and maps an unexpected error to a generic 500", async () => {
    await signedInAs("THERAPIST");
    const { memberRoute } = await entry();
    expect((await memberRoute({ roles: ["OWNER"] }, async () => new Response("owner only"))(request("/api/x"))).status).toBe(403);
    const broken = await memberRoute({}, async () => {
      throw new Error("connection string postgres://secret@db");
    })(request("/api/x"));
    expect(broken.status).toBe(500);
    expect(JSON.stringify(await broken.json())).not.toContain("secret");
  });
});
