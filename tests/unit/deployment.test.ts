import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shipped deployment (docker-compose.yml and docker/Caddyfile), read as Docker would read
// it: Docker cannot run here, so this checks what can be checked without it.

const root = path.resolve(import.meta.dirname, "../..");
// js-yaml (nodeca; well kept, no install scripts) is a declared dev dependency; no types needed for one call.
const { load } = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  command?: string | string[];
}
const compose = load(readFileSync(path.join(root, "docker-compose.yml"), "utf8")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { services } = compose;
const caddyfile = readFileSync(path.join(root, "docker/Caddyfile"), "utf8");

describe("docker-compose.yml", () => {
  it("publishes only the HTTPS proxy on the host, never the app or the database", () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length).map(([name]) => name);
    expect(published).toEqual(["proxy"]);
    expect(services.proxy!.ports).toEqual(["80:80", "443:443", "443:443/udp"]);
    expect(services.app!.expose).toEqual(["3000"]);
  });

  it("puts Caddy in front of the app, with its certificates kept in volumes", () => {
    expect(services.proxy!.image).toBe("caddy:2");
    expect(services.proxy!.depends_on).toEqual({ app: { condition: "service_healthy" } });
    expect(services.proxy!.volumes).toEqual(["./docker/Caddyfile:/etc/caddy/Caddyfile:ro", "caddy-data:/data", "caddy-config:/config"]);
    expect(services.proxy!.environment?.CONFIDE_DOMAIN).toMatch(/^\$\{CONFIDE_DOMAIN:\?/);
  });

  it("makes the app trust exactly the proxy's hop, and serve its public https origin", () => {
    const env = services.app!.environment!;
    expect(env.TRUSTED_PROXY_HOPS).toBe("1");
    expect(env.APP_URL).toMatch(/^https:\/\/\$\{CONFIDE_DOMAIN:\?/);
    expect(env.NEXTAUTH_URL).toBe(env.APP_URL);
    expect(services.scheduler!.environment!.APP_URL).toBe(env.APP_URL);
  });

  it("names only services and volumes that exist", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(services), `${name} depends on ${dependency}`).toContain(dependency);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0]!;
        if (!source.startsWith(".")) expect(Object.keys(compose.volumes), `${name} mounts ${source}`).toContain(source);
      }
    }
  });

  it("runs the retention check once a day from the scheduler, besides reminders and calendar sync", () => {
    const command = services.scheduler!.command as string[];
    expect(command.slice(0, 2)).toEqual(["sh", "-c"]);
    // Compose turns $$ into $; this is the script the container runs.
    const script = command[2]!.replaceAll("$$", "$");
    expect(script).toContain("npm run --silent reminders:send");
    expect(script).toContain("npm run --silent calendar:sync");
    expect(script).toMatch(/today=\$\(date -u \+%F\)/);
    expect(script).toMatch(/if \[ "\$retained_on" != "\$today" \] && npm run --silent retention:run; then retained_on=\$today; fi/);
    expect(spawnSync("sh", ["-n", "-c", script]).status).toBe(0);
  });

  it("leaves no single $ for Compose to interpolate inside the scheduler's script", () => {
    const script = (services.scheduler!.command as string[])[2]!;
    expect(script.replaceAll("$$", "")).not.toContain("$");
  });
});

describe("docker/Caddyfile", () => {
  it("serves CONFIDE_DOMAIN and hands every request to the app without trusting a client's X-Forwarded-For", () => {
    expect(caddyfile).toMatch(/^\{\$CONFIDE_DOMAIN\} \{\n\treverse_proxy app:3000\n\}$/m);
    // With trusted_proxies Caddy would keep what a client sent (and TRUSTED_PROXY_HOPS must then be 2).
    expect(caddyfile.replace(/^#.*$/gm, "")).not.toMatch(/trusted_proxies|header_up/);
  });

  const caddy = spawnSync("caddy", ["version"]);
  it.skipIf(caddy.error !== undefined || caddy.status !== 0)("is valid for the caddy binary on this machine", () => {
    // Caddy creates its HOME with mode 0700 and every missing parent too: a HOME under .data
    // would leave .data closed to the embedded PostgreSQL's own user. A temporary folder instead.
    const home = mkdtempSync(path.join(tmpdir(), "confide-caddy-"));
    let result;
    try {
      result = spawnSync("caddy", ["validate", "--adapter", "caddyfile", "--config", path.join(root, "docker/Caddyfile")], {
        env: { ...process.env, CONFIDE_DOMAIN: "confide.example.org", HOME: home },
        encoding: "utf8",
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    expect(result.stdout + result.stderr).toContain("Valid configuration");
    expect(result.status).toBe(0);
  });
});
