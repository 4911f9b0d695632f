import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";
import { installPeerAddressHeader, PEER_ADDRESS_HEADER, peerAddressFrom } from "./peer-address";

const asHeaders = (h: IncomingHttpHeaders) => ({ get: (name: string) => (h[name] as string | undefined) ?? null });

describe("the peer address header", () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.end("ok");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function get(headers: Record<string, string>) {
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers }, (res) => res.resume().on("end", resolve));
      req.on("error", reject).end();
    });
    return seen.at(-1)!;
  }

  it("is not believed in a process where nothing stamps it", async () => {
    const headers = await get({ [PEER_ADDRESS_HEADER]: "6.6.6.6" });
    expect(peerAddressFrom(asHeaders(headers))).toBeNull();
  });

  it("is set from the socket on every request, over anything the client sent", async () => {
    await installPeerAddressHeader();
    await installPeerAddressHeader(); // twice is harmless
    const headers = await get({ [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" });
    expect(peerAddressFrom(asHeaders(headers))).toBe("127.0.0.1");
    // So with no proxy configured, a spoofed X-Forwarded-For changes nothing.
    expect(clientIpFrom(headers["x-forwarded-for"] as string, peerAddressFrom(asHeaders(headers)), 0)).toBe("127.0.0.1");
  });
});
