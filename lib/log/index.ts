import pino from "pino";

// Structured JSON logs. Anything that could carry a secret or personal data is redacted by
// path, and call sites pass ids and codes only: never names, emails, note text or bodies.
const REDACT = [
  "password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret", "token", "*.token",
  "cookie", "*.cookie", "headers.cookie", "headers.authorization", "*.headers.cookie", "*.headers.authorization",
  "body", "*.body", "email", "*.email", "name", "*.name",
];

/** The Confide logger; `destination` lets tests capture what would be written. */
export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { app: "confide" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const logger = createLogger();
export type Logger = ReturnType<typeof createLogger>;

/** A child logger bound to the current request's id (set by proxy.ts). */
export async function requestLogger(): Promise<Logger> {
  const { headers } = await import("next/headers");
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  return logger.child({ requestId });
}
