// State-changing requests must come from Confide's own pages. Next.js checks server actions
// itself and next-auth checks its CSRF token; this rule covers every route, as a second line.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginWrite(
  method: string,
  headers: { get(name: string): string | null },
  ownOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin) return origin !== ownOrigin;
  // No Origin header: browsers still say where the request came from.
  const site = headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}
