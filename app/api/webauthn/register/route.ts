import { registerPasskey } from "@/lib/auth/passkeys/register";
import { json } from "@/lib/entry/respond";
import { enrollingRoute, readJson } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

/** Stores a new passkey from the browser's answer to a registration challenge: `{ name, response }` (checked by registerPasskey). */
export const POST = enrollingRoute({ stepUp: true }, async ({ actor, audit, request }) => {
  const body = await readJson(request);
  const passkey = await registerPasskey(actor, body, audit);
  return json({ id: passkey.id }, 201);
});
