// The client's IP address, for per-IP rate limits and audit events.
//
// With no reverse proxy (TRUSTED_PROXY_HOPS=0, the default) it is the address of the TCP peer,
// and X-Forwarded-For and X-Real-IP are ignored: a client can put anything in them. Next.js
// does not hand the socket to route handlers, so the server process copies it into a header of
// its own on every request (lib/audit/peer-address.ts), overwriting whatever a client sent.
//
// Behind N reverse proxies (TRUSTED_PROXY_HOPS=N) X-Forwarded-For is a list each proxy appends
// the address it saw to; everything left of what our own proxies added is whatever the client
// chose to send. So the client is the entry N from the right. Caddy (docker-compose.yml), with
// no `trusted_proxies` of its own, replaces the header with the one address it saw: N=1.
export function clientIpFrom(forwardedFor: string | null, peer: string | null, trustedHops: number): string | null {
  const chain = trustedHops > 0 ? (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean) : [];
  // Fewer entries than proxies means a proxy did not add one (or was bypassed): take the
  // leftmost, which the outermost proxy that did write put there.
  const picked = chain.length === 0 ? peer : chain.length >= trustedHops ? chain[chain.length - trustedHops] : chain[0];
  return picked ? normaliseIp(picked).slice(0, 64) : null;
}

/** IPv4 addresses seen on a dual-stack socket arrive as ::ffff:a.b.c.d; count them as a.b.c.d. */
function normaliseIp(ip: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
}
