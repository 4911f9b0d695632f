import { startPasskeyRegistration } from "@/lib/auth/passkeys/register";
import { json } from "@/lib/entry/respond";
import { enrollingRoute } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

/** Options to create a passkey for the signed-in member (also while they must set up a second factor). */
export const POST = enrollingRoute({ stepUp: true }, async ({ actor }) => json(await startPasskeyRegistration(actor)));
