import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Caddy compresses responses (docker/Caddyfile `encode`), in Go and on every core, which keeps
  // zlib off the Node.js workers' single threads.
  compress: false,
  reactStrictMode: true,
  // Native and wasm packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg"],
  typedRoutes: true,
  // Import uploads (CSV, practice ZIP) go up to 20 MB; route handlers enforce the exact limit.
  experimental: { proxyClientMaxBodySize: "21mb" },
};

export default nextConfig;
