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
command -v openssl       >/dev/null || need+=(openssl)   # the black-box proof's Node server makes its certificate with it
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >&2
fi

# PostgreSQL from Debian, in a cluster of its own ("sessions" on localhost:5434, the cluster default): a developer's existing cluster,
# its superuser's password and its settings are left as they are. The tests connect as sessions_admin, which may
# create databases and roles but is no superuser; the run's databases and their least-privilege logins are its own.
PG_PORT=${SESSIONS_PG_PORT:-5434}
PG_PASSWORD=${SESSIONS_PG_PASSWORD:-sessions}
pg_ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$pg_ver/sessions"; then
  log "creating PostgreSQL $pg_ver cluster 'sessions' on 127.0.0.1:$PG_PORT"
  # The test projects, the load features and several server instances run at once: 300 connections.
  as_root pg_createcluster "$pg_ver" sessions --port "$PG_PORT" >&2
  as_root pg_conftool "$pg_ver" sessions set max_connections 300
fi
if ! answers "$PG_PORT"; then
  log "starting PostgreSQL $pg_ver cluster 'sessions'"
  as_root pg_ctlcluster --skip-systemctl-redirect "$pg_ver" sessions start >&2 || as_root pg_ctlcluster "$pg_ver" sessions start >&2
  for _ in $(seq 1 40); do answers "$PG_PORT" && break; sleep 0.25; done
fi
as_root su postgres -c "psql -p $PG_PORT -q -v ON_ERROR_STOP=1" >/dev/null <<SQL
SELECT 'CREATE ROLE sessions_admin LOGIN CREATEDB CREATEROLE' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sessions_admin') \\gexec
ALTER ROLE sessions_admin PASSWORD '$PG_PASSWORD';
SQL
echo "export SESSIONS_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=sessions_admin;Password=$PG_PASSWORD;Database=postgres'"

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
    # Both profiles' sqlserver targets, the scenarios' own instances and the cache tests run at once, and Babelfish
    # forks a process per connection: up.sh's 300 is too few. Raised once per data directory, then kept.
    bf_psql(){ PGPASSWORD=12345678 psql -h 127.0.0.1 -p "${BABELFISH_PG_PORT:-5433}" -U babel_user -d babelfish_db -tAq "$@"; }
    if [ "$(bf_psql -c 'show max_connections' 2>/dev/null || echo 0)" -lt 800 ]; then
      log "raising Babelfish max_connections to 800"
      bf_psql -c "ALTER SYSTEM SET max_connections = 800" >/dev/null
      bash "$bf" stop >&2
      conn=$(bash "$bf")
    fi
    echo "export SESSIONS_SQLSERVER='$conn'"
  else
    log "no SESSIONS_SQLSERVER and no $bf: the SQL Server column will be skipped (or use Docker)"
  fi
fi
