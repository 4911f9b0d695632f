import { NextResponse, type NextRequest } from "next/server";
import { isCrossOriginWrite } from "@/lib/http/same-origin";
import { securityHeaders } from "@/lib/http/security-headers";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Runs before every request: a per-request CSP nonce, a request id, the security headers. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: process.env.NODE_ENV === "production" && (process.env.APP_URL ?? "").startsWith("https:"),
  });

  if (isCrossOriginWrite(request.method, request.headers, process.env.APP_URL ? new URL(process.env.APP_URL).origin : request.nextUrl.origin)) {
    const refused = NextResponse.json(
      { error: { code: "cross_origin", message: "This request came from another website and was refused." } },
      { status: 403 },
    );
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
