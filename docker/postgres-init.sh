#!/bin/bash
# Creates Confide's roles and database on first start of the official postgres image (it runs
# files in /docker-entrypoint-initdb.d only when the data directory is empty). Mirrors
# lib/db/bootstrap.ts:
#   confide_owner   LOGIN, CREATEDB; owns the `confide` database and runs migrations
#   confide_runtime NOLOGIN group role that migrations grant privileges to
#   confide_app     LOGIN, no superuser, no BYPASSRLS; member of confide_runtime; the app's login
#   confide_vault_runtime NOLOGIN group role the migrations grant the identity vault to
#   confide_vault   LOGIN; member of confide_vault_runtime only; reaches the vault and nothing else
#
# Passwords come from CONFIDE_OWNER_PASSWORD, CONFIDE_APP_PASSWORD and CONFIDE_VAULT_PASSWORD. They reach SQL only as
# psql variables quoted with format('%L'), never spliced into the script text by the shell.
# Safe to run again: roles are altered (passwords reset) if they exist, the database is created
# only if missing.
set -eo pipefail

: "${CONFIDE_OWNER_PASSWORD:?CONFIDE_OWNER_PASSWORD must be set (see .env.example)}"
: "${CONFIDE_APP_PASSWORD:?CONFIDE_APP_PASSWORD must be set (see .env.example)}"
: "${CONFIDE_VAULT_PASSWORD:?CONFIDE_VAULT_PASSWORD must be set (see .env.example)}"
if [ "$CONFIDE_OWNER_PASSWORD" = "$CONFIDE_APP_PASSWORD" ] || [ "$CONFIDE_VAULT_PASSWORD" = "$CONFIDE_APP_PASSWORD" ] \
  || [ "$CONFIDE_VAULT_PASSWORD" = "$CONFIDE_OWNER_PASSWORD" ]; then
  echo "postgres-init: CONFIDE_OWNER_PASSWORD, CONFIDE_APP_PASSWORD and CONFIDE_VAULT_PASSWORD must differ" >&2
  exit 1
fi

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" \
  --dbname "${POSTGRES_DB:-postgres}" \
  -v owner_password="$CONFIDE_OWNER_PASSWORD" \
  -v app_password="$CONFIDE_APP_PASSWORD" \
  -v vault_password="$CONFIDE_VAULT_PASSWORD" <<'EOSQL'
SELECT 'CREATE ROLE confide_runtime NOLOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_runtime')
\gexec

SELECT 'CREATE ROLE confide_vault_runtime NOLOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_vault_runtime')
\gexec

SELECT format(
  '%s ROLE confide_vault LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD %L',
  CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_vault') THEN 'ALTER' ELSE 'CREATE' END,
  :'vault_password')
\gexec

GRANT confide_vault_runtime TO confide_vault;

SELECT format(
  '%s ROLE confide_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE CREATEDB PASSWORD %L',
  CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_owner') THEN 'ALTER' ELSE 'CREATE' END,
  :'owner_password')
\gexec

SELECT format(
  '%s ROLE confide_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD %L',
  CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_app') THEN 'ALTER' ELSE 'CREATE' END,
  :'app_password')
\gexec

GRANT confide_runtime TO confide_app;

SELECT 'CREATE DATABASE confide OWNER confide_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'confide')
\gexec

-- The app may connect; nobody but the owner may create schemas in the database.
REVOKE CREATE ON DATABASE confide FROM PUBLIC;
GRANT CONNECT ON DATABASE confide TO confide_runtime, confide_vault_runtime;
EOSQL

echo "postgres-init: roles confide_owner, confide_runtime, confide_app, confide_vault and database confide are ready"
