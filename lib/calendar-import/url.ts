import { FeedError } from "./errors";

export const MAX_URL_LENGTH = 2000;

/** A feed address as typed: http(s), or webcal:// (which calendar apps fetch over https). */
export function normaliseFeedUrl(raw: string): URL {
  const text = raw.trim().replace(/^webcals?:\/\//i, "https://");
  if (text.length === 0 || text.length > MAX_URL_LENGTH) throw new FeedError("invalid_url");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedError("invalid_url");
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) throw new FeedError("invalid_url");
  url.hash = "";
  return url;
}

/** What Confide shows of a connected feed: its host, e.g. "calendar.google.com". */
export const feedHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").slice(0, 120);
