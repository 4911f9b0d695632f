# syntax=docker/dockerfile:1.7
#
# Confide container image. Targets:
#   runner  (default, last stage) the production web server: Next.js standalone output only,
#           running as the unprivileged user `confide` (uid 10001).
#   migrate one-shot job: `npm run db:migrate` as the database owner role. Needs
#           MIGRATION_DATABASE_URL (owner) and DATABASE_URL set; see docker-compose.yml.
#   postgres the database server: the official PostgreSQL image with pgBackRest, so the server's
#           archive_command can push WAL to the backup repository (docs/backups.md).
#   backup  the backup service: the postgres target plus Node.js and the app's scripts, for the
#           backup loop (docker/backup-loop.sh), `npm run backup:drill` and `npm run erasure:replay`.
#
#   docker build -t confide .                         # runner
#   docker build -t confide-migrate --target migrate .

# Node.js 24 (LTS; 20 left support in April 2026). It also serves more: bench:load measured the
# same build at 105 requests/s on Node 24 against 78 on Node 20 (docs/benchmarks-load.md), most
# of it cheaper AsyncLocalStorage, which Next.js uses on every request.
ARG NODE_IMAGE=node:24-bookworm-slim
# Its major version is the cluster's: change it only with a pg_upgrade (and a new stanza).
ARG POSTGRES_IMAGE=postgres:16-bookworm

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
# deps: full node_modules (dev dependencies included: the build and the migrate job need them).
# `npm ci` runs the postinstall `prisma generate`, which needs the schema, prisma.config.ts and
# the schema-engine stub to be present first; it writes the client to lib/generated/prisma.
FROM base AS deps
# Points Prisma's engine download (in @prisma/engines' postinstall) at the stub, so nothing is
# fetched from Prisma's CDN: migrations use the WebAssembly schema engine instead.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/app/scripts/schema-engine-stub.sh
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/schema-engine-stub.sh ./scripts/schema-engine-stub.sh
RUN --mount=type=cache,target=/root/.npm \
    npm ci

# ---------------------------------------------------------------------------------------------
# builder: the application source on top of deps, then `next build` (output: "standalone").
# .dockerignore keeps node_modules, .next and lib/generated out of the context, so the copy
# below cannot clobber what deps installed and generated.
FROM deps AS builder
COPY . .
RUN mkdir -p public \
 && npm run build \
 && test -f .next/standalone/server.js

# ---------------------------------------------------------------------------------------------
# migrate: applies pending migrations (tsx scripts/db-migrate.ts) and exits.
# NODE_ENV=production matters: outside production the script would create development secrets
# under .data/, and with DATABASE_URL unset it would start an embedded PostgreSQL instead of
# failing. Always set DATABASE_URL (and MIGRATION_DATABASE_URL) for this target.
FROM builder AS migrate
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "db:migrate"]

# ---------------------------------------------------------------------------------------------
# postgres: PostgreSQL with pgBackRest. The official image already carries the PostgreSQL
# project's apt repository (apt.postgresql.org), whose pgBackRest follows new server versions;
# Debian bookworm's own build (2.45, March 2023) predates PostgreSQL 16.
FROM ${POSTGRES_IMAGE} AS postgres
RUN apt-get update \
 && apt-get install -y --no-install-recommends pgbackrest \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o postgres -g postgres -m 0750 /var/lib/pgbackrest /var/log/pgbackrest /var/spool/pgbackrest \
 && pgbackrest version

# ---------------------------------------------------------------------------------------------
# backup: the postgres target with Node.js (copied from the Node image, same version as the app)
# and the application with its full node_modules (tsx runs the scripts). Runs as root so that
# the drill can read the erasure ledger the app writes as `confide` (uid 10001; the folder is
# made here too, so the shared volume belongs to the app whichever container mounts it first).
# Every PostgreSQL and pgBackRest command drops to `postgres` (gosu in the loop,
# lib/backup/processes.ts in Node).
FROM postgres AS backup
COPY --from=base /usr/local/bin/node /usr/local/bin/node
COPY --from=base /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && node --version && npm --version \
 && install -d -m 0700 /var/lib/confide/checkpoints \
 && install -d -o 10001 -g 10001 -m 0700 /var/lib/confide/ledger
WORKDIR /app
COPY --from=builder /app ./
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    BACKUP_PG_BINDIR=/usr/lib/postgresql/${PG_MAJOR}/bin
CMD ["sh", "/usr/local/bin/confide-backup-loop.sh"]

# ---------------------------------------------------------------------------------------------
# runner: only the standalone server, its static assets, public/ and prisma/migrations (read at
# runtime by /api/health to compare against _prisma_migrations; file tracing cannot see a
# readdir, so it is copied by hand). No npm, no source, no dev dependencies. Application files
# stay owned by root (read-only to the app); only .next/cache is writable by `confide`.
FROM base AS runner
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN groupadd --system --gid 10001 confide \
 && useradd --system --uid 10001 --gid confide --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin confide
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
COPY --from=builder /app/prisma/migrations ./prisma/migrations
# One web worker per core (WEB_CONCURRENCY overrides), sharing port 3000: docker/cluster.mjs.
COPY docker/cluster.mjs docker/admission.mjs ./
RUN mkdir -p .next/cache && chown confide:confide .next/cache \
 && install -d -o confide -g confide -m 0700 /var/lib/confide/ledger
USER confide
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(8000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "cluster.mjs"]
