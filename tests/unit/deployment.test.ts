import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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

describe("backups in docker-compose.yml", () => {
  const db = services.db!;
  const backup = services.backup!;
  const serverSettings = () => {
    const args = db.command as string[];
    expect(args[0]).toBe("postgres");
    const settings = new Map<string, string>();
    for (let i = 1; i < args.length; i += 2) {
      expect(args[i]).toBe("-c");
      const [k, ...v] = args[i + 1]!.split("=");
      settings.set(k!, v.join("="));
    }
    return settings;
  };

  it("archives every WAL segment with pgBackRest within a minute (RPO <= 1 min)", () => {
    const settings = serverSettings();
    expect(settings.get("wal_level")).toBe("replica");
    expect(settings.get("archive_mode")).toBe("on");
    expect(settings.get("archive_command")).toBe("pgbackrest --stanza=confide archive-push %p");
    expect(Number(settings.get("archive_timeout"))).toBeLessThanOrEqual(60);
    // The server runs archive-push: its image carries pgBackRest, and its environment the repository.
    expect(db.build).toEqual({ context: ".", target: "postgres" });
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8")).toMatch(/FROM \$\{POSTGRES_IMAGE\} AS postgres\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends pgbackrest/);
    expect(db.environment!.PGBACKREST_PG1_PATH).toBe("/var/lib/postgresql/data");
    expect(db.volumes).toContain("confide-db:/var/lib/postgresql/data");
  });

  it("encrypts the repository with a pass from .env that only the database and backup services see", () => {
    for (const service of [db, backup]) {
      expect(service.environment!.PGBACKREST_REPO1_CIPHER_TYPE).toBe("aes-256-cbc");
      expect(service.environment!.PGBACKREST_REPO1_CIPHER_PASS).toMatch(/^\$\{BACKUP_CIPHER_PASS:\?/);
      expect(service.environment!.PGBACKREST_REPO1_PATH).toBe("/var/lib/pgbackrest");
      expect(service.volumes).toContain("confide-backups:/var/lib/pgbackrest");
    }
    const seeing = Object.entries(services).filter(([, s]) => Object.keys(s.environment ?? {}).some((k) => k.startsWith("PGBACKREST_"))).map(([n]) => n);
    expect(seeing.sort()).toEqual(["backup", "db"]);
    // pgBackRest refuses a PGBACKREST_* variable with an empty value, so none may default to "".
    for (const [k, v] of Object.entries(db.environment!)) if (k.startsWith("PGBACKREST_")) expect(v, k).not.toMatch(/:-\}$/);
  });

  it("keeps backups and WAL for BACKUP_RETENTION_DAYS (35 by default), the window the app's privacy text states", () => {
    for (const service of [db, backup]) {
      expect(service.environment!.PGBACKREST_REPO1_RETENTION_FULL_TYPE).toBe("time");
      expect(service.environment!.PGBACKREST_REPO1_RETENTION_FULL).toBe("${BACKUP_RETENTION_DAYS:-35}");
    }
    expect(services.app!.environment!.BACKUP_RETENTION_DAYS).toBe("${BACKUP_RETENTION_DAYS:-35}");
  });

  it("backs the identity vault up with the clinical records: it is a schema of the same database", () => {
    const at = (url: string) => url.replace(/^postgresql:\/\/[^@]+@/, "");
    expect(at(services.app!.environment!.VAULT_DATABASE_URL!)).toBe("db:5432/confide");
    expect(at(services.app!.environment!.DATABASE_URL!)).toBe("db:5432/confide");
  });

  it("writes the erasure ledger to a volume of its own, which the backup service only reads", () => {
    expect(services.app!.environment!.ERASURE_LEDGER_DIR).toBe("/var/lib/confide/ledger");
    expect(services.app!.volumes).toEqual(["erasure-ledger:/var/lib/confide/ledger"]);
    expect(backup.environment!.ERASURE_LEDGER_DIR).toBe("/var/lib/confide/ledger");
    expect(backup.volumes).toContain("erasure-ledger:/var/lib/confide/ledger:ro");
    expect(backup.volumes).toContain("confide-db:/var/lib/postgresql/data:ro");
    expect(db.volumes!.some((v) => v.startsWith("erasure-ledger"))).toBe(false);
  });

  it("gives the backup service what backup:report needs to tell the app's health check (the app has no pgBackRest)", () => {
    expect(backup.environment!.BACKUP_STANZA).toBe("confide");
    expect(backup.environment!.DATABASE_URL).toMatch(/^postgresql:\/\/confide_app:/);
    expect(services.app!.environment!.PGBACKREST_STANZA).toBeUndefined();
    expect(readFileSync(path.join(root, "docker/backup-loop.sh"), "utf8")).toMatch(/^\s+PGBACKREST_LOG_LEVEL_FILE=off npm run --silent backup:report /m);
  });

  it("runs docker/backup-loop.sh: a full backup each week, a differential every 6 hours, a signed checkpoint after each", () => {
    expect(backup.volumes).toContain("./docker/backup-loop.sh:/usr/local/bin/confide-backup-loop.sh:ro");
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8")).toContain('CMD ["sh", "/usr/local/bin/confide-backup-loop.sh"]');
    // The script itself, with pgbackrest, npm and date stubbed, through one simulated week.
    const dir = mkdtempSync(path.join(tmpdir(), "confide-backup-loop-"));
    try {
      const bin = path.join(dir, "bin");
      const log = path.join(dir, "calls.log");
      const stub = (name: string, body: string) => {
        writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
        chmodSync(path.join(bin, name), 0o755);
      };
      spawnSync("mkdir", ["-p", bin, path.join(dir, "checkpoints")]);
      stub("pgbackrest", `echo "pgbackrest $*" >> "${log}"`);
      stub("npm", `echo "npm $*" >> "${log}"; echo '{"version":1}'`);
      stub("date", `exec /bin/date -d "$FAKE_NOW" "$@"`);
      const runAt = (now: string) => {
        const r = spawnSync("sh", [path.join(root, "docker/backup-loop.sh")], {
          env: { NODE_ENV: "test", PATH: `${bin}:/usr/bin:/bin`, FAKE_NOW: now, BACKUP_LOOP_ONCE: "1", BACKUP_AS_POSTGRES: "", BACKUP_STATE_DIR: path.join(dir, "state"), AUDIT_CHECKPOINT_DIR: path.join(dir, "checkpoints") },
          encoding: "utf8",
        });
        expect(r.status, r.stderr).toBe(0);
      };
      // Every hour for 7 days from a Monday (the loop wakes every 5 minutes; six wake-ups a slot
      // show as well that a slot is never backed up twice).
      const start = Date.parse("2026-11-30T00:00:00Z");
      for (let t = start; t < start + 7 * 86_400_000; t += 3_600_000) runAt(new Date(t).toISOString());
      const calls = readFileSync(log, "utf8").trim().split("\n");
      const backups = calls.filter((c) => c.endsWith(" backup"));
      expect(backups.filter((c) => c.includes("--type=full"))).toHaveLength(1);
      expect(backups[0]).toBe("pgbackrest --stanza=confide --repo=1 --type=full backup");
      // 4 slots a day for 7 days, less the one the full backup filled.
      expect(backups.filter((c) => c.includes("--type=diff"))).toHaveLength(27);
      expect(calls.filter((c) => c === "npm run --silent audit:checkpoint")).toHaveLength(28);
      // Every pass (here: every hour for a week) reports the repository for the app's health check.
      expect(calls.filter((c) => c === "npm run --silent backup:report")).toHaveLength(7 * 24);
      expect(readdirSync(path.join(dir, "checkpoints")).filter((f) => f.endsWith(".json"))).toHaveLength(28);
      // The next week starts with a full backup again.
      runAt("2026-12-07T00:01:00Z");
      expect(readFileSync(log, "utf8").trim().split("\n").at(-3)).toBe("pgbackrest --stanza=confide --repo=1 --type=full backup");
      // With a second repository, each backup goes to both.
      runAt("2026-12-07T06:01:00Z");
      const before = readFileSync(log, "utf8").trim().split("\n").length;
      const r = spawnSync("sh", [path.join(root, "docker/backup-loop.sh")], {
        env: { NODE_ENV: "test", PATH: `${bin}:/usr/bin:/bin`, FAKE_NOW: "2026-12-07T12:01:00Z", BACKUP_LOOP_ONCE: "1", BACKUP_AS_POSTGRES: "", BACKUP_REPOS: "1 2", BACKUP_STATE_DIR: path.join(dir, "state"), AUDIT_CHECKPOINT_DIR: path.join(dir, "checkpoints") },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(log, "utf8").trim().split("\n").slice(before).filter((c) => c.endsWith(" backup"))).toEqual([
        "pgbackrest --stanza=confide --repo=1 --type=diff backup",
        "pgbackrest --stanza=confide --repo=2 --type=diff backup",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("docker/Caddyfile", () => {
  it("serves CONFIDE_DOMAIN and hands every request to the app without trusting a client's X-Forwarded-For", () => {
    expect(caddyfile.replace(/^\s*#.*\n/gm, "")).toMatch(/^\{\$CONFIDE_DOMAIN\} \{\n\tencode zstd gzip\n\treverse_proxy app:3000\n\}$/m);
    // With trusted_proxies Caddy would keep what a client sent (and TRUSTED_PROXY_HOPS must then be 2).
    expect(caddyfile.replace(/^#.*$/gm, "")).not.toMatch(/trusted_proxies|header_up/);
  });

  it("compresses responses in Caddy, not in the app's single-threaded workers", () => {
    expect(readFileSync(path.join(root, "next.config.ts"), "utf8")).toMatch(/^\s+compress: false,$/m);
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
