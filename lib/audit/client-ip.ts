// The client's IP address, for per-IP rate limits and audit events. X-Forwarded-For is a list
// that each proxy appends to; everything left of what our own proxies added is whatever the
// client chose to send. So the client's address is the entry `trustedHops` from the right:
// 1 (the default) when one reverse proxy in front of Confide appends the address it saw (as
// Caddy, nginx with $proxy_add_x_forwarded_for, and most load balancers do). Next.js itself
// sets the header from the socket only when it is absent, so without any proxy a client can
// choose what it says: deploy behind a reverse proxy.
export function clientIpFrom(forwardedFor: string | null, realIp: string | null, trustedHops: number): string | null {
  const chain = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const picked = chain.length >= trustedHops ? chain[chain.length - trustedHops] : chain[0];
  return (picked || realIp)?.slice(0, 64) ?? null;
}
