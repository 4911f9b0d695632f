import { describe, expect, it } from "vitest";
import { nextArgs } from "../../scripts/lib/next-args";

describe("the Next.js command line of npm run dev / npm start", () => {
  it("binds the development server to the loopback address only", () => {
    const args = nextArgs("dev", 3000);
    expect(args.slice(0, 3)).toEqual(["dev", "--port", "3000"]);
    expect(args[args.indexOf("--hostname") + 1]).toBe("127.0.0.1");
  });

  it("leaves the production server's address to Next.js's default, for a proxy on another host", () => {
    expect(nextArgs("start", 8080)).toEqual(["start", "--port", "8080"]);
  });
});
