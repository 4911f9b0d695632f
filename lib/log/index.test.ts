import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./index";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = createLogger(stream);
  log.level = "info";
  return { log, lines };
}

describe("server logs", () => {
  it("redact passwords, cookies, tokens, bodies, names and emails wherever they appear", () => {
    const { log, lines } = capture();
    log.info(
      {
        password: "hunter2-hunter2",
        user: { email: "someone@example.org", name: "A Person", token: "tok-123" },
        headers: { cookie: "confide.session=abc", authorization: "Bearer xyz" },
        body: { anything: "typed by a user" },
        clientCode: "K7Q-4MX-2PB",
      },
      "sign-in attempt",
    );
    const line = lines.join("");
    for (const secret of ["hunter2", "someone@example.org", "A Person", "tok-123", "confide.session=abc", "Bearer xyz", "typed by a user"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("K7Q-4MX-2PB");
    expect(JSON.parse(line)).toMatchObject({ msg: "sign-in attempt", app: "confide" });
  });
});
