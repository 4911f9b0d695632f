import { parseClientCode } from "@/lib/clients/code";

/**
 * What the review's "client code or record id" box asks for. A client code in any form a person
 * types or sees (K7Q4-MX2P-B9XD, k7q4mx2pb9xd, with spaces, O for 0) finds every event about that
 * client; anything else is a record id, matched exactly.
 */
export function targetFilter(input: string | undefined): { client: string } | { record: string } | null {
  const text = input?.trim();
  if (!text) return null;
  const code = parseClientCode(text);
  return code ? { client: code } : { record: text };
}
