import { expect, test } from "./support/fixtures";

// The e2e server is a production build (e2e/support/serve.ts). Development conveniences must
// not exist there, even when the configuration would allow them: this server writes email to
// the outbox (EMAIL_TRANSPORT=outbox), yet nobody can read it over HTTP.

test("the development outbox does not exist in a production build", async ({ request }) => {
  const response = await request.get("/dev/outbox");
  expect(response.status()).toBe(404);
});
