/**
 * A path to send the browser back to after sign-in or step-up: only a path on this site
 * ("/…", not "//host" or "/\host"), so a crafted link cannot bounce a member elsewhere.
 */
export function safeReturnPath(candidate: unknown, fallback = "/dashboard"): string {
  if (typeof candidate !== "string" || candidate.length > 2000) return fallback;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(candidate)) return fallback;
  return candidate;
}
