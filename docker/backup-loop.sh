#!/bin/sh
# The backup service's loop (docker-compose.yml, service `backup`): pgBackRest backups of the db
# service's cluster, stanza "confide", into the encrypted repository configured by the
# PGBACKREST_* variables. WAL is archived continuously by the server itself (archive_command,
# archive_timeout=60: at most a minute of committed work in an unarchived segment).
#   - a full backup in each ISO week (the first loop of the week),
#   - a differential backup in each 6-hour slot of the day (00, 06, 12, 18 UTC): four a day,
#   - a signed audit checkpoint (npm run audit:checkpoint) after each backup, for the drill;
#   - every pass, the repository's state recorded for the app's health check (npm run backup:report).
# pgBackRest expires what falls out of retention after each backup (PGBACKREST_REPO1_RETENTION_*).
# Each backup goes to every repository in BACKUP_REPOS (default "1"; "1 2" with a second,
# off-site repository configured: docs/backups.md); archive-push already sends WAL to all.
# What ran last is kept in $BACKUP_STATE_DIR, so a restart does not start another full backup.
# BACKUP_LOOP_ONCE=1 runs one pass and exits (for tests and by hand). Runs as root: pgBackRest
# runs as postgres (gosu, from the postgres image), as the files it reads belong to postgres.
set -u

state=${BACKUP_STATE_DIR:-/var/lib/confide/checkpoints/.schedule}
checkpoints=${AUDIT_CHECKPOINT_DIR:-/var/lib/confide/checkpoints}
as_postgres=${BACKUP_AS_POSTGRES-gosu postgres}
repos=${BACKUP_REPOS:-1}
mkdir -p "$state"

# One backup of the given type into each repository; fails if any of them failed.
backup_all() {
  ok=0
  for repo in $repos; do
    $as_postgres pgbackrest --stanza=confide --repo="$repo" --type="$1" backup || ok=1
  done
  return $ok
}

# Creating the stanza is safe to repeat; wait for the database to be reachable.
until $as_postgres pgbackrest --stanza=confide stanza-create; do
  [ "${BACKUP_LOOP_ONCE:-}" = 1 ] && exit 1
  sleep 30
done

while :; do
  week=$(date -u +%G-W%V)
  slot=$(date -u +%F)-$(( $(date -u +%k) / 6 ))
  backed_up=
  if [ "$(cat "$state/full" 2>/dev/null)" != "$week" ]; then
    if backup_all full; then
      echo "$week" > "$state/full"; echo "$slot" > "$state/diff"; backed_up=1
    fi
  elif [ "$(cat "$state/diff" 2>/dev/null)" != "$slot" ]; then
    if backup_all diff; then
      echo "$slot" > "$state/diff"; backed_up=1
    fi
  fi
  if [ -n "$backed_up" ]; then
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    if npm run --silent audit:checkpoint > "$checkpoints/$stamp.json.tmp"; then
      mv "$checkpoints/$stamp.json.tmp" "$checkpoints/$stamp.json"
    else
      rm -f "$checkpoints/$stamp.json.tmp"
    fi
  fi
  # What the repository holds now, for the app's /api/health (backup_report in the database;
  # the app container has no pgBackRest). Without a file log: this runs as root.
  PGBACKREST_LOG_LEVEL_FILE=off npm run --silent backup:report || echo "backup: could not report the repository's state to the database" >&2
  [ "${BACKUP_LOOP_ONCE:-}" = 1 ] && exit 0
  sleep 300
done
