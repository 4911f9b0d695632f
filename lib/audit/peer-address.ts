import type { IncomingMessage } from "node:http";

// Route handlers and server actions in Next.js see headers, never the socket, and Next only
// fills X-Forwarded-For from the socket when a client did not send one. So the server process
// (instrumentation.ts, at start) makes every incoming request carry the TCP peer's address in
// a header of our own, set from the socket and overwriting anything a client sent under that
// name. The header is believed only in a process where this was installed.

export const PEER_ADDRESS_HEADER = "x-confide-peer-address";
const INSTALLED = Symbol.for("confide.peerAddressHeader");

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Patches Node's HTTP(S) servers in this process to stamp each request with its peer address. */
export async function installPeerAddressHeader() {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as { emit: Emit };
    const emit = prototype.emit;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampPeerAddress(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
  }
  registry[INSTALLED] = true;
}

export function stampPeerAddress(request: IncomingMessage) {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

/** The TCP peer's address from a request's headers, or null where no server stamped it. */
export function peerAddressFrom(headers: { get(name: string): string | null }): string | null {
  if (!(globalThis as { [INSTALLED]?: boolean })[INSTALLED]) return null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}
