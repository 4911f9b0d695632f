// Runs once when a server process starts: refuse to serve with missing or malformed secrets.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("@/lib/config");
  try {
    config();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
