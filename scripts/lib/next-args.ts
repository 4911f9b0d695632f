// The Next.js command line for npm run dev / npm start (scripts/run.ts).
// The development server listens on the loopback address only: it serves the demo accounts
// (a published password), the development outbox and detailed errors, so no other machine on
// the network may reach it. `npm start` keeps Next's default (every interface), for a reverse
// proxy on another host; the Docker image runs the standalone server instead (HOSTNAME=0.0.0.0).
export const DEV_HOST = "127.0.0.1";

export function nextArgs(mode: "dev" | "start", port: number): string[] {
  return [mode, "--port", String(port), ...(mode === "dev" ? ["--hostname", DEV_HOST] : [])];
}
