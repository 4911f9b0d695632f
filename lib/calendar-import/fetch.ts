import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress } from "./address";
import { FeedError } from "./errors";
import { normaliseFeedUrl } from "./url";

// Fetches a calendar feed with the limits a server fetching user-given URLs needs: http(s) only,
// an overall time limit, a size cap enforced while streaming, a few redirects each checked
// again, and no private, loopback or link-local address (checked on the address actually
// connected to, so a DNS answer cannot swap in an internal host after the check).

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Whether an address may be connected to (default: public addresses only). */
  addressAllowed: (address: string) => boolean;
}

export const DEFAULT_LIMITS: Omit<FetchLimits, "addressAllowed"> = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3 };
export const publicOnly = (address: string) => !isPrivateAddress(address);
export const anyAddress = () => true;

/** Resolves like dns.lookup, but refuses when any resolved address is not allowed. */
function guardedLookup(addressAllowed: (a: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const list = addresses;
      if (list.length === 0 || list.some((a) => !addressAllowed(a.address))) {
        return callback(Object.assign(new Error("blocked address"), { code: "EBLOCKED" }), "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

type Hop = { kind: "body"; text: string } | { kind: "redirect"; location: string };

function requestOnce(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<Hop> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !limits.addressAllowed(host)) return Promise.reject(new FeedError("blocked_address"));
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.get(
      url,
      {
        lookup: guardedLookup(limits.addressAllowed),
        signal,
        headers: { accept: "text/calendar, */*;q=0.5", "accept-encoding": "identity", "user-agent": "Confide calendar import" },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
          res.resume();
          const location = res.headers.location;
          return location ? resolve({ kind: "redirect", location }) : reject(new FeedError("http_status"));
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new FeedError("http_status"));
        }
        if (Number(res.headers["content-length"] ?? 0) > limits.maxBytes) {
          res.destroy();
          return reject(new FeedError("too_large"));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            res.destroy();
            reject(new FeedError("too_large"));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ kind: "body", text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (error) => reject(error));
      },
    );
    req.on("error", reject);
  });
}

/** The feed's text, or a FeedError saying why not (never echoing the URL). */
export async function fetchFeed(rawUrl: string, limits: FetchLimits): Promise<string> {
  let url = normaliseFeedUrl(rawUrl);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      const result = await requestOnce(url, limits, signal);
      if (result.kind === "body") return result.text;
      if (hop >= limits.maxRedirects) throw new FeedError("too_many_redirects");
      let next: URL;
      try {
        next = normaliseFeedUrl(new URL(result.location, url).toString());
      } catch {
        throw new FeedError("http_status");
      }
      url = next;
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (signal.aborted) throw new FeedError("timeout");
    if ((error as { code?: string })?.code === "EBLOCKED") throw new FeedError("blocked_address");
    throw new FeedError("unreachable");
  }
}
