// Imported once at server start (instrumentation.ts): refuse to serve with a missing or
// malformed secret, naming the variable (there is no fallback key), or, in production, without
// the erasure ledger (lib/config/schema.ts productionServerRefusal).
import { config } from "./index";
import { productionServerRefusal } from "./schema";

try {
  const refusal = productionServerRefusal(config());
  if (refusal) throw new Error(`Confide cannot start: ${refusal}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
