// Runs once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/config/startup-check");
  // Before requests are served: the client's address for rate limits and the audit trail.
  await (await import("./lib/audit/peer-address")).installPeerAddressHeader();
}
