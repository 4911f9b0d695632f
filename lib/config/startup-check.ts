// Imported once at server start (instrumentation.ts): refuse to serve with a missing or
// malformed secret, naming the variable. There is no fallback key.
import { config } from "./index";

try {
  config();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
