#!/usr/bin/env bash
# Installs (when missing) and starts the stores the tests use, on 127.0.0.1 only, and prints
# `export NAME=value` lines for their connection strings: eval "$(bash ci/services.sh)".
# Idempotent: a service that already answers is left as it is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log(){ echo "services: $*" >&2; }
as_root(){ if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
answers(){ (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v redis-server  >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >&2
fi

# PostgreSQL from Debian: the first cluster the package made, on 5432.
PG_PASSWORD=${SESSIONS_PG_PASSWORD:-sessions}
if ! answers 5432; then
  ver=$(ls /etc/postgresql | sort -n | tail -1)
  log "starting PostgreSQL $ver"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || as_root pg_ctlcluster "$ver" main start >&2
  for _ in $(seq 1 40); do answers 5432 && break; sleep 0.25; done
fi
as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"" >/dev/null
# The test projects, the load features and several server instances run at once; Debian's 100 connections is too few.
if [ "$(as_root su postgres -c "psql -tA -c 'show max_connections'")" -lt 300 ]; then
  log "raising PostgreSQL max_connections to 300"
  as_root su postgres -c "psql -q -c 'ALTER SYSTEM SET max_connections = 300'" >/dev/null
  ver=$(ls /etc/postgresql | sort -n | tail -1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main restart >&2 || as_root pg_ctlcluster "$ver" main restart >&2
  for _ in $(seq 1 40); do answers 5432 && break; sleep 0.25; done
fi
echo "export SESSIONS_POSTGRES='Host=127.0.0.1;Port=5432;Username=postgres;Password=$PG_PASSWORD;Database=postgres'"

# Redis: no persistence, loopback only.
if ! answers 6379; then
  log "starting Redis"
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >&2
  for _ in $(seq 1 40); do answers 6379 && break; sleep 0.25; done
fi
echo "export SESSIONS_REDIS='127.0.0.1:6379'"

# SQL Server's protocol and T-SQL: Babelfish from ../shared, unless a server was given.
if [ -z "${SESSIONS_SQLSERVER:-}" ]; then
  bf="$here/../../shared/babelfish/up.sh"
  if [ -x "$bf" ] || [ -f "$bf" ]; then
    log "starting Babelfish (TDS on 127.0.0.1:1433)"
    conn=$(bash "$bf")
    echo "export SESSIONS_SQLSERVER='$conn'"
  else
    log "no SESSIONS_SQLSERVER and no $bf: the SQL Server column will be skipped (or use Docker)"
  fi
fi
