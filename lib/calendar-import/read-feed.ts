import "server-only";
import { config } from "@/lib/config";
import { anyAddress, DEFAULT_LIMITS, fetchFeed, publicOnly, type FetchLimits } from "./fetch";
import type { FeedEvent } from "./parse";
import { parseFeedOffThread, type ParseBudget } from "./parse-off-thread";

/** Private addresses are refused unless CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS (default: not in production). */
export function allowPrivateHosts() {
  const c = config();
  return c.CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS ?? c.NODE_ENV !== "production";
}

export interface ReadOptions {
  limits?: Partial<FetchLimits>;
  now?: Date;
  budget?: Partial<ParseBudget>;
}

/** Fetches and parses a feed completely (parsing in a worker thread), before anything is written. Throws FeedError. */
export async function readFeed(url: string, timeZone: string, options: ReadOptions = {}): Promise<FeedEvent[]> {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, addressAllowed: allowPrivateHosts() ? anyAddress : publicOnly, ...options.limits };
  const text = await fetchFeed(url, limits);
  return parseFeedOffThread(text, { now: options.now ?? new Date(), timeZone }, options.budget);
}
